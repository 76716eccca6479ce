// The YAML job loader: shape checks (unknown keys, wrong types, missing keys) with the exact
// location, ${VAR} substitution per scalar so locations stay true, and the defaults.
#include "jobs/job_loader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

#include "jobs/endpoint_loader.h"
#include "jobs/yaml_reader.h"
#include "pipeline/errors.h"

namespace sluice {
namespace {

class Loader : private YamlReader {
 public:
  Loader(std::string file, const EnvLookup& lookup) : YamlReader(std::move(file), lookup) {}

  JobSpec Load(const YAML::Node& root) {
    JobSpec job;
    job.file = file();
    RequireMap(root, "the job file");
    CheckKeys(root,
              {"version", "name", "source", "target", "columns", "filter", "validate",
               "max_rejects", "rejects", "pipeline", "quality"},
              "the job");
    if (root["version"]) {
      std::string v = Scalar(root["version"], "version");
      if (v != "1") throw ConfigError(Where(root["version"]), "unsupported version " + v);
    }
    job.name = Scalar(Required(root, "name", "the job"), "name");
    job.source = LoadSource(*this, Required(root, "source", "the job"));
    job.target = LoadTarget(*this, Required(root, "target", "the job"));
    // No columns: every source column lands under its own name and type.
    if (root["columns"]) LoadColumns(root["columns"], job);
    const bool several_tables = !job.source.tables.empty() || job.source.all_tables;
    if (job.target.type == "odbc" && job.target.table.empty() && !several_tables) {
      throw ConfigError(job.target.where, "the target needs 'table'");
    }
    if (several_tables) {
      if (job.target.type != "odbc") {
        throw ConfigError(job.target.where, "several source tables need a database target");
      }
      if (!job.target.table.empty() || root["columns"] || root["filter"] || root["validate"]) {
        throw ConfigError(job.source.where,
                          "a job moving several tables copies each one whole: it takes no "
                          "target.table, columns, filter or validate");
      }
    }
    if (job.target.mode == WriteMode::kUpsert && job.target.key.empty() && !several_tables) {
      throw ConfigError(job.target.where,
                        "mode: upsert needs target.key, the column or columns that identify a row");
    }
    if (root["filter"]) job.filter = LoadFilter(root["filter"]);
    if (root["validate"]) LoadRules(root["validate"], job);
    if (root["max_rejects"]) job.max_rejects = LoadRejectLimit(root["max_rejects"]);
    if (root["rejects"]) {
      const YAML::Node& r = root["rejects"];
      RequireMap(r, "rejects");
      CheckKeys(r, {"path", "format", "table"}, "rejects");
      if (!r["path"] && !r["table"]) throw ConfigError(Where(r), "rejects needs 'path' or 'table'");
      if (r["table"]) job.rejects_table = Scalar(r["table"], "rejects.table");
      if (r["path"]) job.rejects_path = Scalar(r["path"], "rejects.path");
      std::string format =
          job.rejects_path.size() >= 4 &&
                  job.rejects_path.compare(job.rejects_path.size() - 4, 4, ".csv") == 0
              ? "csv"
              : "ndjson";
      if (r["format"]) format = Scalar(r["format"], "rejects.format");
      if (format == "csv") {
        job.rejects_format = RejectFormat::kCsv;
      } else if (format != "ndjson") {
        throw ConfigError(Where(r["format"]),
                          "rejects.format must be ndjson or csv, got '" + format + "'");
      }
    }
    if (!root["rejects"]) {
      // Every rejected row is explained somewhere, even when the job names no rejects output.
      std::string safe;
      for (char ch : job.name)
        safe += std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' ? ch : '_';
      job.rejects_path = "rejects/" + safe + ".ndjson";
    }
    if (root["pipeline"]) LoadPipeline(root["pipeline"], job.pipeline);
    if (root["quality"]) LoadQuality(root["quality"], job);
    return job;
  }

 private:
  // A transform is a bare name, `{ name: scalar }` (the scalar becomes option `value`), or
  // `{ name: { option: value, ... } }`.
  TransformSpec LoadTransform(const YAML::Node& node) {
    TransformSpec t;
    t.options.where = Where(node);
    if (node.IsScalar()) {
      t.name = Scalar(node, "a transform name");
      return t;
    }
    if (!node.IsMap() || node.size() != 1) {
      throw ConfigError(Where(node), "a transform is a name or { name: options }");
    }
    auto kv = *node.begin();
    t.name = Key(kv.first, "a transform");
    const YAML::Node& opts = kv.second;
    if (opts.IsScalar()) {
      t.options.values["value"] = ToOption(opts);
    } else if (opts.IsMap()) {
      for (const auto& o : opts) {
        t.options.values[Key(o.first, "the options of transform '" + t.name + "'")] =
            ToOption(o.second);
      }
    } else if (!opts.IsNull()) {
      throw ConfigError(Where(opts), "options of transform '" + t.name + "' must be a mapping");
    }
    return t;
  }

  OptionValue ToOption(const YAML::Node& node) {
    OptionValue v;
    v.where = Where(node);
    if (node.IsScalar()) {
      v.items.push_back(Scalar(node, "an option"));
    } else if (node.IsSequence()) {
      v.is_list = true;
      for (const auto& item : node) v.items.push_back(Scalar(item, "a list item"));
    } else if (node.IsMap()) {
      v.is_map = true;
      for (const auto& kv : node) {
        v.mapping[Key(kv.first, "an option")] = Scalar(kv.second, "a mapping value");
      }
    } else if (node.IsNull()) {
      v.items.push_back("");
    }
    return v;
  }

  void LoadColumns(const YAML::Node& node, JobSpec& job) {
    if (!node.IsMap() || node.size() == 0) {
      throw ConfigError(Where(node), "columns must be a mapping of target column names");
    }
    for (const auto& kv : node) {
      ColumnSpec c;
      c.name = Key(kv.first, "columns");
      c.where = Where(kv.first);
      const YAML::Node& def = kv.second;
      if (def.IsNull()) {  // `name:` alone copies the source column of the same name
        c.from = c.name;
        job.columns.push_back(std::move(c));
        continue;
      }
      RequireMap(def, "column '" + c.name + "'");
      CheckKeys(def, {"from", "value", "generated", "concat", "default", "type", "transforms"},
                "column '" + c.name + "'");
      int origins = (def["from"] ? 1 : 0) + (def["value"] ? 1 : 0) + (def["generated"] ? 1 : 0) +
                    (def["concat"] ? 1 : 0);
      if (origins > 1) {
        throw ConfigError(Where(def),
                          "column '" + c.name + "' takes one of from, value, generated, concat");
      }
      if (def["concat"]) {
        // concat: { columns: [first, last], separator: " " } or concat: [first, last]
        const YAML::Node& cc = def["concat"];
        const YAML::Node& cols = cc.IsMap() ? cc["columns"] : cc;
        if (cc.IsMap()) CheckKeys(cc, {"columns", "separator"}, "concat");
        if (!cols || !cols.IsSequence() || cols.size() < 2) {
          throw ConfigError(Where(cc), "concat needs a list of at least two source columns");
        }
        c.origin = ValueOrigin::kConcat;
        for (const auto& item : cols) c.concat.push_back(Scalar(item, "a concat column"));
        if (cc.IsMap() && cc["separator"])
          c.separator = cc["separator"].IsNull() ? "" : Scalar(cc["separator"], "separator");
      } else if (def["value"]) {
        c.origin = ValueOrigin::kConstant;
        c.constant = Scalar(def["value"], "value");
      } else if (def["generated"]) {
        c.origin = ValueOrigin::kGenerated;
        c.generated = Scalar(def["generated"], "generated");
        if (c.generated != "run_started_at" && c.generated != "run_id") {
          throw ConfigError(
              Where(def["generated"]),
              "generated must be run_started_at or run_id, got '" + c.generated + "'");
        }
      } else {
        c.from = def["from"] ? Scalar(def["from"], "from") : c.name;
      }
      if (def["default"]) c.fallback = Scalar(def["default"], "default");
      if (def["type"]) {
        std::string t = Scalar(def["type"], "type");
        auto type = ParseDataType(t);
        if (!type) {
          throw ConfigError(Where(def["type"]),
                            "unknown type '" + t +
                                "' (known: text, integer, double, decimal(p,s), boolean, date, "
                                "timestamp)");
        }
        c.type = *type;
      } else if (c.generated == "run_started_at") {
        c.type = DataType{TypeId::kTimestamp};
      }
      if (def["transforms"]) {
        const YAML::Node& ts = def["transforms"];
        if (ts.IsSequence()) {
          for (const auto& t : ts) c.transforms.push_back(LoadTransform(t));
        } else {
          c.transforms.push_back(LoadTransform(ts));
        }
      }
      job.columns.push_back(std::move(c));
    }
  }

  FilterSpec LoadFilter(const YAML::Node& node) {
    RequireMap(node, "filter");
    CheckKeys(node, {"column", "equal", "not_equal", "in", "not_in"}, "filter");
    FilterSpec f;
    f.where = Where(node);
    f.column = Scalar(Required(node, "column", "filter"), "filter.column");
    int ops = 0;
    auto take = [&](const char* key, FilterSpec::Op op) {
      if (!node[key]) return;
      ++ops;
      f.op = op;
      const YAML::Node& v = node[key];
      if (v.IsSequence()) {
        for (const auto& item : v) f.values.push_back(Scalar(item, key));
      } else {
        f.values.push_back(Scalar(v, key));
      }
    };
    take("equal", FilterSpec::Op::kEqual);
    take("not_equal", FilterSpec::Op::kNotEqual);
    take("in", FilterSpec::Op::kIn);
    take("not_in", FilterSpec::Op::kNotIn);
    if (ops != 1) {
      throw ConfigError(f.where, "filter needs exactly one of equal, not_equal, in, not_in");
    }
    return f;
  }

  void LoadRules(const YAML::Node& node, JobSpec& job) {
    if (!node.IsSequence()) throw ConfigError(Where(node), "validate must be a list of rules");
    for (const auto& r : node) {
      RequireMap(r, "a rule");
      RuleSpec rule;
      rule.where = Where(r);
      rule.options.where = rule.where;
      const YAML::Node& col = r["column"] ? r["column"] : r["columns"];
      if (!col) throw ConfigError(rule.where, "a rule needs 'column' (or 'columns')");
      if (col.IsSequence()) {
        for (const auto& c : col) rule.columns.push_back(Scalar(c, "a column"));
      } else {
        rule.columns.push_back(Scalar(col, "column"));
      }
      rule.rule = Scalar(Required(r, "rule", "a rule"), "rule");
      for (const auto& kv : r) {
        std::string key = Key(kv.first, "a rule");
        if (key == "column" || key == "columns" || key == "rule") continue;
        if (key == "on_fail") {
          std::string s = Scalar(kv.second, "on_fail");
          if (s == "reject") {
            rule.severity = Severity::kReject;
          } else if (s == "warn") {
            rule.severity = Severity::kWarn;
          } else if (s == "fail") {
            rule.severity = Severity::kFail;
          } else {
            throw ConfigError(Where(kv.second),
                              "on_fail must be reject, warn or fail, got '" + s + "'");
          }
          continue;
        }
        rule.options.values[key] = ToOption(kv.second);
      }
      for (const std::string& c : rule.columns) {
        bool known = std::any_of(job.columns.begin(), job.columns.end(),
                                 [&](const ColumnSpec& s) { return s.name == c; });
        if (!known) throw ConfigError(Where(col), "rule on unknown column '" + c + "'");
      }
      job.rules.push_back(std::move(rule));
    }
  }

  RejectLimit LoadRejectLimit(const YAML::Node& node) {
    std::string s = Scalar(node, "max_rejects");
    RejectLimit limit;
    limit.enabled = true;
    std::string digits = s;
    if (!s.empty() && s.back() == '%') {
      limit.is_percent = true;
      digits = s.substr(0, s.size() - 1);
    }
    double v = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || v < 0 ||
        (limit.is_percent && v > 100)) {
      throw ConfigError(Where(node),
                        "max_rejects must be a count (100) or a percentage (5%), got '" + s + "'");
    }
    limit.value = v;
    return limit;
  }

  void LoadPipeline(const YAML::Node& node, PipelineSpec& p) {
    RequireMap(node, "pipeline");
    CheckKeys(node, {"batch_size", "threads", "max_in_flight"}, "pipeline");
    if (node["batch_size"]) p.batch_size = Unsigned(node["batch_size"], "pipeline.batch_size");
    if (node["threads"])
      p.threads = static_cast<int>(Unsigned(node["threads"], "pipeline.threads"));
    if (node["max_in_flight"]) {
      p.max_in_flight = Unsigned(node["max_in_flight"], "pipeline.max_in_flight");
    }
    if (p.batch_size == 0 || p.batch_size > 1000000) {
      throw ConfigError(Where(node["batch_size"]), "pipeline.batch_size must be 1..1000000");
    }
    if (p.max_in_flight == 0) {
      throw ConfigError(Where(node["max_in_flight"]), "pipeline.max_in_flight must be at least 1");
    }
  }

  void LoadQuality(const YAML::Node& node, JobSpec& job) {
    RequireMap(node, "quality");
    CheckKeys(node, {"table", "connection", "store", "report", "thresholds"}, "quality");
    QualitySpec& q = job.quality;
    q.enabled = true;
    q.connection = job.target.connection;
    if (job.target.type != "odbc" && !node["connection"] &&
        !(node["store"] && !Bool(node["store"], "quality.store"))) {
      throw ConfigError(Where(node),
                        "a file target has no database for the metrics: set "
                        "quality.connection, or store: false");
    }
    if (node["table"]) q.table = Scalar(node["table"], "quality.table");
    if (node["connection"]) q.connection = Scalar(node["connection"], "quality.connection");
    if (node["store"]) q.store = Bool(node["store"], "quality.store");
    if (node["report"]) q.report = Scalar(node["report"], "quality.report");
    if (const YAML::Node& t = node["thresholds"]) {
      RequireMap(t, "quality.thresholds");
      for (const auto& kv : t) {
        MetricThreshold th;
        th.metric = Key(kv.first, "quality.thresholds");
        th.where = Where(kv.first);
        RequireMap(kv.second, "threshold " + th.metric);
        CheckKeys(kv.second, {"warn", "fail"}, "threshold " + th.metric);
        auto condition = [&](const char* key) -> std::optional<Condition> {
          if (!kv.second[key]) return std::nullopt;
          std::string text = Scalar(kv.second[key], key);
          auto c = ParseCondition(text);
          if (!c) {
            throw ConfigError(
                Where(kv.second[key]),
                "a threshold is a comparison like \">2%\" or \"<= 100\", got '" + text + "'");
          }
          return c;
        };
        th.warn = condition("warn");
        th.fail = condition("fail");
        if (!th.warn && !th.fail)
          throw ConfigError(th.where, "threshold " + th.metric + " needs warn or fail");
        q.thresholds.push_back(std::move(th));
      }
    }
  }
};

}  // namespace

JobSpec LoadJobText(const std::string& text, const std::string& file_name,
                    const EnvLookup& lookup) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    std::string where = file_name;
    if (!e.mark.is_null()) {
      where += ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1);
    }
    throw ConfigError(where, "YAML syntax error: " + e.msg);
  }
  if (!root || root.IsNull()) throw ConfigError(file_name, "the job file is empty");
  try {
    return Loader(file_name, lookup).Load(root);
  } catch (const YAML::Exception& e) {
    std::string where = file_name;
    if (!e.mark.is_null()) {
      where += ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1);
    }
    throw ConfigError(where, e.msg);
  }
}

JobSpec LoadJobFile(const std::string& path, const EnvLookup& lookup) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(path, "cannot open the job file");
  std::stringstream text;
  text << in.rdbuf();
  return LoadJobText(text.str(), path, lookup);
}

}  // namespace sluice
