// The YAML monitor file: shape checks with exact locations, then the defaults of
// monitor/monitor_defaults.h overridden by the file's `defaults:` and each table's own keys.
#include "jobs/monitor_loader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

#include "jobs/yaml_reader.h"
#include "monitor/monitor_defaults.h"
#include "pipeline/errors.h"

namespace sluice {
namespace {

class Loader : private YamlReader {
 public:
  Loader(std::string file, const EnvLookup& lookup) : YamlReader(std::move(file), lookup) {}

  MonitorSpec Load(const YAML::Node& root) {
    MonitorSpec spec;
    spec.file = file();
    RequireMap(root, "the monitor file");
    CheckKeys(root,
              {"version", "name", "connection", "threads", "history", "anomaly", "alerts",
               "defaults", "tables"},
              "the monitor file");
    if (root["version"] && Scalar(root["version"], "version") != "1") {
      throw ConfigError(Where(root["version"]), "unsupported version");
    }
    spec.name = Scalar(Required(root, "name", "the monitor file"), "name");
    spec.connection = Scalar(Required(root, "connection", "the monitor file"), "connection");
    if (root["threads"]) {
      spec.threads = static_cast<int>(Unsigned(root["threads"], "threads"));
      if (spec.threads < 1) throw ConfigError(Where(root["threads"]), "threads must be >= 1");
    }
    if (root["history"]) LoadHistory(root["history"], spec.history);
    if (root["anomaly"]) LoadAnomaly(root["anomaly"], spec.anomaly);
    if (root["alerts"]) LoadAlerts(root["alerts"], spec.alerts);
    TableSpec base = DefaultTableSpec("");
    if (root["defaults"]) {
      RequireMap(root["defaults"], "defaults");
      LoadTableKeys(root["defaults"], base, "defaults", true);
    }
    const YAML::Node tables = Required(root, "tables", "the monitor file");
    if (!tables.IsSequence() || tables.size() == 0) {
      throw ConfigError(Where(tables), "tables must be a list of table names or mappings");
    }
    for (const YAML::Node& t : tables) {
      TableSpec table = base;
      table.where = Where(t);
      if (t.IsScalar()) {
        table.name = Scalar(t, "a table name");
      } else {
        RequireMap(t, "a table");
        table.name = Scalar(Required(t, "name", "a table"), "name");
        LoadTableKeys(t, table, "table " + table.name, false);
      }
      for (const TableSpec& other : spec.tables) {
        if (other.name == table.name) {
          throw ConfigError(table.where, "table " + table.name + " is listed twice");
        }
      }
      spec.tables.push_back(std::move(table));
    }
    return spec;
  }

 private:
  double Number(const YAML::Node& node, const std::string& what) const {
    std::string s = Scalar(node, what);
    if (!s.empty() && s.back() == '%') s.pop_back();
    double v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || v < 0) {
      throw ConfigError(Where(node), what + " must be a non-negative number, got '" + s + "'");
    }
    return v;
  }

  // A check given as `false`/`off` is switched off.
  bool SwitchedOff(const YAML::Node& node) const {
    if (!node.IsScalar()) return false;
    std::string s = node.Scalar();
    return s == "false" || s == "off" || s == "no";
  }

  std::vector<std::string> Names(const YAML::Node& node, const std::string& what) const {
    std::vector<std::string> out;
    if (node.IsScalar()) {
      out.push_back(Scalar(node, what));
    } else if (node.IsSequence()) {
      for (const YAML::Node& n : node) out.push_back(Scalar(n, what));
    } else {
      throw ConfigError(Where(node), what + " must be a name or a list of names");
    }
    return out;
  }

  std::optional<Threshold> Level(const YAML::Node& node, const std::string& what) const {
    if (node.IsNull() || SwitchedOff(node)) return std::nullopt;
    std::string text = Scalar(node, what);
    std::string error;
    std::optional<Threshold> t = ParseThreshold(text, error);
    if (!t) throw ConfigError(Where(node), what + ": " + error + ", got '" + text + "'");
    return t;
  }

  // warn/fail keys of `node` into `levels`.
  void LoadLevels(const YAML::Node& node, Levels& levels, const std::string& owner) const {
    if (node["warn"]) levels.warn = Level(node["warn"], owner + ".warn");
    if (node["fail"]) levels.fail = Level(node["fail"], owner + ".fail");
  }

  void LoadColumnCheck(const YAML::Node& node, ColumnCheckSpec& check, const std::string& owner,
                       bool defaults, std::vector<std::string> extra_keys = {}) const {
    if (SwitchedOff(node)) {
      check.enabled = false;
      return;
    }
    RequireMap(node, owner);
    std::vector<std::string> keys = {"warn", "fail"};
    if (!defaults) keys.push_back("columns");
    keys.insert(keys.end(), extra_keys.begin(), extra_keys.end());
    CheckKeys(node, keys, owner);
    check.enabled = true;
    LoadLevels(node, check.levels, owner);
    if (defaults || !node["columns"]) return;
    const YAML::Node& columns = node["columns"];
    if (columns.IsMap()) {  // column -> its own levels
      for (const auto& kv : columns) {
        std::string column = Key(kv.first, owner + ".columns");
        Levels levels = check.levels;
        if (!kv.second.IsNull()) {
          RequireMap(kv.second, owner + ".columns." + column);
          CheckKeys(kv.second, {"warn", "fail"}, owner + ".columns." + column);
          LoadLevels(kv.second, levels, owner + ".columns." + column);
        }
        check.columns.push_back(column);
        check.per_column[column] = levels;
      }
    } else {
      check.columns = Names(columns, owner + ".columns");
    }
  }

  FormatKind FormatNamed(const YAML::Node& node, const std::string& what) const {
    std::string name = Scalar(node, what);
    if (name == "email") return FormatKind::kEmail;
    if (name == "phone") return FormatKind::kPhone;
    if (name == "date") return FormatKind::kDate;
    if (name == "number") return FormatKind::kNumber;
    throw ConfigError(Where(node), what +
                                       " must be email, phone, date, number or {regex: ...}, "
                                       "got '" +
                                       name + "'");
  }

  void LoadFormats(const YAML::Node& node, TableSpec& t, const std::string& owner,
                   bool defaults) const {
    if (SwitchedOff(node)) {
      t.formats_by_name = false;
      t.formats.clear();
      return;
    }
    RequireMap(node, owner);
    CheckKeys(node,
              defaults ? std::vector<std::string>{"warn", "fail", "by_name"}
                       : std::vector<std::string>{"warn", "fail", "by_name", "columns"},
              owner);
    LoadLevels(node, t.format_levels, owner);
    if (node["by_name"]) t.formats_by_name = Bool(node["by_name"], owner + ".by_name");
    if (defaults || !node["columns"]) return;
    RequireMap(node["columns"], owner + ".columns");
    for (const auto& kv : node["columns"]) {
      FormatSpec f;
      f.column = Key(kv.first, owner + ".columns");
      std::string what = owner + ".columns." + f.column;
      if (kv.second.IsScalar()) {
        f.kind = FormatNamed(kv.second, what);
      } else {
        RequireMap(kv.second, what);
        CheckKeys(kv.second, {"format", "regex", "warn", "fail"}, what);
        if (kv.second["regex"]) {
          f.kind = FormatKind::kRegex;
          f.pattern = Scalar(kv.second["regex"], what + ".regex");
        } else {
          f.kind = FormatNamed(Required(kv.second, "format", what), what + ".format");
        }
        if (kv.second["warn"] || kv.second["fail"]) {
          Levels levels = t.format_levels;
          LoadLevels(kv.second, levels, what);
          f.levels = levels;
        }
      }
      t.formats.push_back(f);
    }
  }

  void LoadReferences(const YAML::Node& node, TableSpec& t, const std::string& owner,
                      bool defaults) const {
    if (SwitchedOff(node)) {
      t.declared_references = false;
      t.references.clear();
      return;
    }
    RequireMap(node, owner);
    CheckKeys(node,
              defaults ? std::vector<std::string>{"warn", "fail", "declared"}
                       : std::vector<std::string>{"warn", "fail", "declared", "keys"},
              owner);
    LoadLevels(node, t.orphan_levels, owner);
    if (node["declared"]) t.declared_references = Bool(node["declared"], owner + ".declared");
    if (defaults || !node["keys"]) return;
    if (!node["keys"].IsSequence()) {
      throw ConfigError(Where(node["keys"]), owner + ".keys must be a list");
    }
    for (const YAML::Node& k : node["keys"]) {
      std::string what = owner + ".keys";
      RequireMap(k, what);
      CheckKeys(k, {"columns", "table", "to", "warn", "fail"}, what);
      ReferenceSpec r;
      r.columns = Names(Required(k, "columns", what), what + ".columns");
      r.parent_table = Scalar(Required(k, "table", what), what + ".table");
      if (k["to"]) r.parent_columns = Names(k["to"], what + ".to");
      if (k["warn"] || k["fail"]) {
        Levels levels = t.orphan_levels;
        LoadLevels(k, levels, what);
        r.levels = levels;
      }
      t.references.push_back(r);
    }
  }

  void LoadTableKeys(const YAML::Node& node, TableSpec& t, const std::string& owner,
                     bool defaults) const {
    std::vector<std::string> keys = {"missing",  "duplicates",      "formats",   "references",
                                     "outliers", "dominance",       "freshness", "volume",
                                     "schema",   "empty_is_missing"};
    if (!defaults) keys.insert(keys.begin(), "name");
    CheckKeys(node, keys, owner);
    if (node["missing"]) LoadColumnCheck(node["missing"], t.missing, owner + ".missing", defaults);
    if (node["duplicates"]) {
      LoadColumnCheck(node["duplicates"], t.duplicates, owner + ".duplicates", defaults);
      if (!t.duplicates.per_column.empty()) {
        throw ConfigError(Where(node["duplicates"]),
                          owner + ".duplicates.columns is one list: the set that must be unique");
      }
    }
    if (node["formats"]) LoadFormats(node["formats"], t, owner + ".formats", defaults);
    if (node["references"]) {
      LoadReferences(node["references"], t, owner + ".references", defaults);
    }
    if (node["outliers"]) {
      LoadColumnCheck(node["outliers"], t.outliers, owner + ".outliers", defaults, {"z"});
      if (node["outliers"]["z"] && !SwitchedOff(node["outliers"])) {
        t.outlier_z = Number(node["outliers"]["z"], owner + ".outliers.z");
        if (t.outlier_z <= 0) throw ConfigError(Where(node["outliers"]["z"]), "z must be > 0");
      }
    }
    if (node["dominance"]) {
      LoadColumnCheck(node["dominance"], t.dominance, owner + ".dominance", defaults);
    }
    if (node["freshness"]) {
      const YAML::Node& f = node["freshness"];
      if (SwitchedOff(f)) {
        t.freshness.enabled = false;
      } else {
        RequireMap(f, owner + ".freshness");
        CheckKeys(f,
                  defaults ? std::vector<std::string>{"warn", "fail"}
                           : std::vector<std::string>{"column", "warn", "fail"},
                  owner + ".freshness");
        t.freshness.enabled = true;
        LoadLevels(f, t.freshness.levels, owner + ".freshness");
        if (!defaults && f["column"]) {
          t.freshness.columns = {Scalar(f["column"], owner + ".freshness.column")};
        }
      }
    }
    if (node["volume"]) {
      const YAML::Node& v = node["volume"];
      if (SwitchedOff(v)) {
        t.volume = {};
      } else {
        RequireMap(v, owner + ".volume");
        CheckKeys(v, {"warn", "fail"}, owner + ".volume");
        LoadLevels(v, t.volume, owner + ".volume");
      }
    }
    if (node["schema"]) {
      const YAML::Node& s = node["schema"];
      if (SwitchedOff(s)) {
        t.schema_added = t.schema_removed = t.schema_retyped = {};
      } else {
        RequireMap(s, owner + ".schema");
        CheckKeys(s, {"added", "removed", "retyped"}, owner + ".schema");
        for (auto [key, levels] :
             {std::pair{"added", &t.schema_added}, std::pair{"removed", &t.schema_removed},
              std::pair{"retyped", &t.schema_retyped}}) {
          if (!s[key]) continue;
          std::string what = owner + ".schema." + key;
          if (SwitchedOff(s[key])) {
            *levels = {};
            continue;
          }
          RequireMap(s[key], what);
          CheckKeys(s[key], {"warn", "fail"}, what);
          LoadLevels(s[key], *levels, what);
        }
      }
    }
    if (node["empty_is_missing"]) {
      t.empty_is_missing = Bool(node["empty_is_missing"], owner + ".empty_is_missing");
    }
  }

  void LoadHistory(const YAML::Node& node, HistorySpec& h) const {
    RequireMap(node, "history");
    CheckKeys(node, {"connection", "table", "retention_days", "runs"}, "history");
    if (node["connection"]) h.connection = Scalar(node["connection"], "history.connection");
    if (node["table"]) h.table = Scalar(node["table"], "history.table");
    if (node["retention_days"]) {
      h.retention_days =
          static_cast<int>(Unsigned(node["retention_days"], "history.retention_days"));
    }
    if (node["runs"]) {
      h.runs = static_cast<int>(Unsigned(node["runs"], "history.runs"));
      if (h.runs < 1) throw ConfigError(Where(node["runs"]), "history.runs must be >= 1");
    }
  }

  void LoadAnomaly(const YAML::Node& node, AnomalySpec& a) const {
    if (SwitchedOff(node)) {
      a.enabled = false;
      return;
    }
    RequireMap(node, "anomaly");
    CheckKeys(node, {"zscore", "change", "min_runs", "level"}, "anomaly");
    if (node["zscore"]) a.zscore = Number(node["zscore"], "anomaly.zscore");
    if (node["change"]) a.change_pct = Number(node["change"], "anomaly.change");
    if (node["min_runs"]) {
      a.min_runs = static_cast<int>(Unsigned(node["min_runs"], "anomaly.min_runs"));
      if (a.min_runs < 2)
        throw ConfigError(Where(node["min_runs"]), "anomaly.min_runs must be >= 2");
    }
    if (node["level"]) {
      std::string level = Scalar(node["level"], "anomaly.level");
      if (level != "warn" && level != "fail") {
        throw ConfigError(Where(node["level"]), "anomaly.level must be warn or fail");
      }
      a.fail = level == "fail";
    }
  }

  void LoadAlerts(const YAML::Node& node, AlertSpec& a) const {
    RequireMap(node, "alerts");
    CheckKeys(node, {"on", "email", "webhook"}, "alerts");
    if (node["on"]) {
      std::string on = Scalar(node["on"], "alerts.on");
      if (on != "warning" && on != "failure") {
        throw ConfigError(Where(node["on"]), "alerts.on must be warning or failure");
      }
      a.on_warn = on == "warning";
    }
    if (node["email"]) {
      const YAML::Node& e = node["email"];
      RequireMap(e, "alerts.email");
      CheckKeys(e, {"url", "from", "to", "subject", "username_env", "password_env"},
                "alerts.email");
      EmailAlertSpec email;
      email.url = Scalar(Required(e, "url", "alerts.email"), "alerts.email.url");
      if (email.url.rfind("smtp://", 0) != 0 && email.url.rfind("smtps://", 0) != 0) {
        throw ConfigError(Where(e["url"]), "alerts.email.url must start with smtp:// or smtps://");
      }
      email.from = Scalar(Required(e, "from", "alerts.email"), "alerts.email.from");
      email.to = Names(Required(e, "to", "alerts.email"), "alerts.email.to");
      if (e["subject"]) email.subject = Scalar(e["subject"], "alerts.email.subject");
      if (e["username_env"])
        email.username_env = Scalar(e["username_env"], "alerts.email.username_env");
      if (e["password_env"])
        email.password_env = Scalar(e["password_env"], "alerts.email.password_env");
      a.email = email;
    }
    if (node["webhook"]) {
      const YAML::Node& w = node["webhook"];
      RequireMap(w, "alerts.webhook");
      CheckKeys(w, {"url", "bearer_env"}, "alerts.webhook");
      WebhookAlertSpec hook;
      hook.url = Scalar(Required(w, "url", "alerts.webhook"), "alerts.webhook.url");
      if (hook.url.rfind("http://", 0) != 0 && hook.url.rfind("https://", 0) != 0) {
        throw ConfigError(Where(w["url"]),
                          "alerts.webhook.url must start with http:// or https://");
      }
      if (w["bearer_env"]) hook.bearer_env = Scalar(w["bearer_env"], "alerts.webhook.bearer_env");
      a.webhook = hook;
    }
  }
};

}  // namespace

MonitorSpec LoadMonitorText(const std::string& text, const std::string& file_name,
                            const EnvLookup& lookup) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw ConfigError(
        file_name + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1),
        e.msg);
  }
  return Loader(file_name, lookup).Load(root);
}

MonitorSpec LoadMonitorFile(const std::string& path, const EnvLookup& lookup) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(path, "cannot read the monitor file");
  std::ostringstream text;
  text << in.rdbuf();
  return LoadMonitorText(text.str(), path, lookup);
}

}  // namespace sluice
