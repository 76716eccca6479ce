// Sources: csv, json, odbc. Targets: odbc (databases), csv and json files.
#include "jobs/endpoint_loader.h"

#include "pipeline/errors.h"

namespace sluice {
namespace {

// A plain `null` key is YAML's null, which node["null"] does not find: look it up by text.
const YAML::Node* NullKey(const YAML::Node& node, YAML::Node& holder) {
  for (const auto& kv : node) {
    if (kv.first.as<std::string>() == "null") {
      holder = kv.second;
      return &holder;
    }
  }
  return nullptr;
}

void LoadCsvSource(const YamlReader& y, const YAML::Node& node, SourceSpec& spec) {
  y.CheckKeys(node,
              {"type", "path", "header", "delimiter", "quote", "null", "columns", "strict_quotes",
               "validate_utf8", "max_record_bytes"},
              "a csv source");
  CsvOptions& csv = spec.csv;
  csv.path = y.Scalar(y.Required(node, "path", "a csv source"), "source.path");
  if (node["header"]) csv.header = y.Bool(node["header"], "source.header");
  if (node["delimiter"]) csv.delimiter = y.SingleChar(node["delimiter"], "source.delimiter");
  if (node["quote"]) csv.quote = y.SingleChar(node["quote"], "source.quote");
  YAML::Node holder;
  if (NullKey(node, holder)) csv.null_token = y.Scalar(holder, "source.null");
  if (node["strict_quotes"])
    csv.strict_quotes = y.Bool(node["strict_quotes"], "source.strict_quotes");
  if (node["validate_utf8"])
    csv.validate_utf8 = y.Bool(node["validate_utf8"], "source.validate_utf8");
  if (node["max_record_bytes"]) {
    csv.max_record_bytes = y.Unsigned(node["max_record_bytes"], "source.max_record_bytes");
  }
  if (node["columns"]) {
    if (!node["columns"].IsSequence()) {
      throw ConfigError(y.Where(node["columns"]), "source.columns must be a list of names");
    }
    for (const auto& c : node["columns"]) csv.column_names.push_back(y.Scalar(c, "a column name"));
  }
  csv.Validate(spec.where);
}

// columns: a list of names, or of { name, path, json }.
void LoadJsonSource(const YamlReader& y, const YAML::Node& node, SourceSpec& spec) {
  y.CheckKeys(node, {"type", "path", "format", "columns", "max_document_bytes"}, "a json source");
  JsonOptions& json = spec.json;
  json.path = y.Scalar(y.Required(node, "path", "a json source"), "source.path");
  if (node["format"]) {
    std::string f = y.Scalar(node["format"], "source.format");
    auto format = ParseJsonFormat(f);
    if (!format) {
      throw ConfigError(y.Where(node["format"]),
                        "source.format must be auto, ndjson or array, got '" + f + "'");
    }
    json.format = *format;
  }
  if (node["max_document_bytes"]) {
    json.max_document_bytes = y.Unsigned(node["max_document_bytes"], "source.max_document_bytes");
  }
  if (const YAML::Node& cols = node["columns"]) {
    if (!cols.IsSequence()) {
      throw ConfigError(y.Where(cols), "source.columns must be a list of names or of mappings");
    }
    for (const auto& c : cols) {
      JsonColumn column;
      if (c.IsScalar()) {
        column.name = y.Scalar(c, "a column name");
      } else {
        y.RequireMap(c, "a json column");
        y.CheckKeys(c, {"name", "path", "json"}, "a json column");
        column.name = y.Scalar(y.Required(c, "name", "a json column"), "a column name");
        if (c["path"]) column.path = y.Scalar(c["path"], "a json path");
        if (c["json"]) column.json = y.Bool(c["json"], "json");
      }
      json.columns.push_back(std::move(column));
    }
  }
  json.Validate(spec.where);
}

void LoadOdbcSource(const YamlReader& y, const YAML::Node& node, SourceSpec& spec) {
  y.CheckKeys(node,
              {"type", "connection", "table", "tables", "query", "key", "fetch_rows", "page_rows",
               "where", "fast_path", "parallel"},
              "an odbc source");
  OdbcSourceOptions& odbc = spec.odbc;
  odbc.connection = y.Scalar(y.Required(node, "connection", "an odbc source"), "source.connection");
  if (node["table"]) odbc.table = y.Scalar(node["table"], "source.table");
  if (node["query"]) odbc.query = y.Scalar(node["query"], "source.query");
  if (node["tables"]) {
    if (node["table"] || node["query"]) {
      throw ConfigError(y.Where(node["tables"]),
                        "source.tables moves several tables: it excludes table and query");
    }
    if (node["tables"].IsScalar() && y.Scalar(node["tables"], "source.tables") == "all") {
      spec.all_tables = true;
    } else {
      spec.tables = y.ScalarList(node["tables"], "source.tables");
    }
  } else if (odbc.table.empty() == odbc.query.empty()) {
    throw ConfigError(spec.where, "an odbc source needs exactly one of table, query or tables");
  }
  if (node["key"]) odbc.key = y.Scalar(node["key"], "source.key");
  if (node["fetch_rows"]) odbc.fetch_rows = y.Unsigned(node["fetch_rows"], "source.fetch_rows");
  if (node["page_rows"]) odbc.page_rows = y.Unsigned(node["page_rows"], "source.page_rows");
  if (node["where"]) odbc.where = y.Scalar(node["where"], "source.where");
  if (node["fast_path"]) spec.fast_path = y.Bool(node["fast_path"], "source.fast_path");
  if (node["parallel"]) {
    const uint64_t n = y.Unsigned(node["parallel"], "source.parallel");
    if (n < 1 || n > 64) {
      throw ConfigError(y.Where(node["parallel"]), "source.parallel must be from 1 to 64");
    }
    if (node["query"]) {
      throw ConfigError(y.Where(node["parallel"]),
                        "source.parallel splits a table on its key; a query is read by one reader");
    }
    spec.parallel = static_cast<size_t>(n);
  }
  if (spec.tables.empty() && !spec.all_tables) {
    try {
      odbc.Validate();
    } catch (const ConfigError& e) {
      throw ConfigError(spec.where, e.what());
    }
  }
}

WriteMode LoadMode(const YamlReader& y, const YAML::Node& node) {
  std::string m = y.Scalar(node, "target.mode");
  if (m == "append") return WriteMode::kAppend;
  if (m == "replace") return WriteMode::kReplace;
  if (m == "upsert") return WriteMode::kUpsert;
  throw ConfigError(y.Where(node),
                    "target.mode must be append, replace or upsert, got '" + m + "'");
}

CreateMode LoadCreate(const YamlReader& y, const YAML::Node& node) {
  std::string c = y.Scalar(node, "target.create");
  if (c == "if_missing") return CreateMode::kIfMissing;
  if (c == "always") return CreateMode::kAlways;
  if (c == "never" || c == "false") return CreateMode::kNever;
  throw ConfigError(y.Where(node),
                    "target.create must be if_missing, always or never, got '" + c + "'");
}

void LoadDatabaseTarget(const YamlReader& y, const YAML::Node& node, TargetSpec& spec) {
  y.CheckKeys(node,
              {"type", "connection", "table", "mode", "key", "create", "commit_every", "fast_path",
               "retries"},
              "an odbc target");
  spec.connection = y.Scalar(y.Required(node, "connection", "the target"), "target.connection");
  if (node["table"]) spec.table = y.Scalar(node["table"], "target.table");
  if (node["mode"]) spec.mode = LoadMode(y, node["mode"]);
  if (node["key"]) {
    if (spec.mode != WriteMode::kUpsert) {
      throw ConfigError(y.Where(node["key"]), "target.key is only for mode: upsert");
    }
    spec.key = y.ScalarList(node["key"], "target.key");
  }
  if (node["create"]) spec.create = LoadCreate(y, node["create"]);
  if (node["commit_every"])
    spec.commit_every = y.Unsigned(node["commit_every"], "target.commit_every");
  if (node["fast_path"]) spec.fast_path = y.Bool(node["fast_path"], "target.fast_path");
  if (node["retries"]) {
    spec.retries =
        static_cast<int>(std::min<uint64_t>(y.Unsigned(node["retries"], "target.retries"), 100));
  }
}

void LoadFileTarget(const YamlReader& y, const YAML::Node& node, FileTargetOptions& file) {
  file.path = y.Scalar(y.Required(node, "path", "a file target"), "target.path");
  if (node["gzip_level"]) {
    file.gzip_level = static_cast<int>(y.Unsigned(node["gzip_level"], "target.gzip_level"));
  }
}

void LoadCsvTarget(const YamlReader& y, const YAML::Node& node, TargetSpec& spec) {
  y.CheckKeys(node,
              {"type", "path", "gzip_level", "delimiter", "quote", "header", "null",
               "quote_empty_strings", "line_end", "quote_all", "true", "false"},
              "a csv target");
  CsvWriteOptions& csv = spec.csv_file;
  LoadFileTarget(y, node, csv);
  if (node["delimiter"]) csv.delimiter = y.SingleChar(node["delimiter"], "target.delimiter");
  if (node["quote"]) csv.quote = y.SingleChar(node["quote"], "target.quote");
  if (node["header"]) csv.header = y.Bool(node["header"], "target.header");
  YAML::Node holder;
  if (NullKey(node, holder)) csv.null_text = y.Scalar(holder, "target.null");
  if (node["quote_empty_strings"]) {
    csv.quote_empty_strings = y.Bool(node["quote_empty_strings"], "target.quote_empty_strings");
  }
  if (node["line_end"]) {
    std::string e = y.Scalar(node["line_end"], "target.line_end");
    if (e != "lf" && e != "crlf") {
      throw ConfigError(y.Where(node["line_end"]),
                        "target.line_end must be lf or crlf, got '" + e + "'");
    }
    csv.line_end = e == "lf" ? "\n" : "\r\n";
  }
  if (node["quote_all"]) csv.quote_all = y.Bool(node["quote_all"], "target.quote_all");
  for (const auto& kv : node) {  // `true:` and `false:` keys are YAML booleans: match by text
    std::string key = kv.first.as<std::string>();
    if (key == "true") csv.true_text = y.Scalar(kv.second, "target.true");
    if (key == "false") csv.false_text = y.Scalar(kv.second, "target.false");
  }
  csv.Validate(spec.where);
}

void LoadJsonTarget(const YamlReader& y, const YAML::Node& node, TargetSpec& spec) {
  y.CheckKeys(node, {"type", "path", "gzip_level", "format", "timestamps_utc"}, "a json target");
  JsonWriteOptions& json = spec.json_file;
  LoadFileTarget(y, node, json);
  if (node["format"]) {
    std::string f = y.Scalar(node["format"], "target.format");
    if (f == "ndjson" || f == "jsonl") {
      json.format = JsonFileFormat::kNdjson;
    } else if (f == "array") {
      json.format = JsonFileFormat::kArray;
    } else {
      throw ConfigError(y.Where(node["format"]),
                        "target.format must be ndjson or array, got '" + f + "'");
    }
  }
  if (node["timestamps_utc"]) {
    json.timestamps_utc = y.Bool(node["timestamps_utc"], "target.timestamps_utc");
  }
  json.Validate(spec.where);
}

}  // namespace

SourceSpec LoadSource(const YamlReader& y, const YAML::Node& node) {
  y.RequireMap(node, "source");
  SourceSpec spec;
  spec.where = y.Where(node);
  spec.type = y.Scalar(y.Required(node, "type", "source"), "source.type");
  if (spec.type == "csv") {
    LoadCsvSource(y, node, spec);
  } else if (spec.type == "json" || spec.type == "ndjson") {
    spec.type = "json";
    LoadJsonSource(y, node, spec);
  } else if (spec.type == "odbc") {
    LoadOdbcSource(y, node, spec);
  } else {
    throw ConfigError(y.Where(node["type"]),
                      "unknown source type '" + spec.type + "' (known: csv, json, odbc)");
  }
  return spec;
}

TargetSpec LoadTarget(const YamlReader& y, const YAML::Node& node) {
  y.RequireMap(node, "target");
  TargetSpec spec;
  spec.where = y.Where(node);
  spec.type = y.Scalar(y.Required(node, "type", "target"), "target.type");
  if (spec.type == "odbc") {
    LoadDatabaseTarget(y, node, spec);
  } else if (spec.type == "csv") {
    LoadCsvTarget(y, node, spec);
  } else if (spec.type == "json" || spec.type == "ndjson") {
    spec.type = "json";
    LoadJsonTarget(y, node, spec);
  } else {
    throw ConfigError(y.Where(node["type"]),
                      "unknown target type '" + spec.type + "' (known: odbc, csv, json)");
  }
  return spec;
}

}  // namespace sluice
