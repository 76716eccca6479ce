// ThrowawayMariaDb: scripts/mariadb-server around a temporary directory; queries through the
// mariadb client's XML output, the one output that tells NULL from the text 'NULL' and keeps
// values byte for byte.
#include "tests/support/throwaway_mariadb.h"

#include <sys/stat.h>
#include <unistd.h>

#include <stdexcept>

namespace sluice::testing {
namespace {

std::string Script() { return std::string(SLUICE_SOURCE_DIR) + "/scripts/mariadb-server"; }

// The client escapes <, >, & and " (and may write a character reference).
std::string XmlUnescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    size_t semi = s.find(';', i);
    if (semi == std::string_view::npos)
      throw std::runtime_error("bad XML entity in mariadb output");
    std::string_view entity = s.substr(i + 1, semi - i - 1);
    if (entity == "lt") {
      out += '<';
    } else if (entity == "gt") {
      out += '>';
    } else if (entity == "amp") {
      out += '&';
    } else if (entity == "quot") {
      out += '"';
    } else if (entity == "apos") {
      out += '\'';
    } else if (!entity.empty() && entity[0] == '#') {
      out += static_cast<char>(std::stoi(std::string(entity.substr(1))));
    } else {
      throw std::runtime_error("unknown XML entity &" + std::string(entity) + ";");
    }
    i = semi;
  }
  return out;
}

// Rows of the client's --xml output, in order, over every result set.
std::vector<std::string> ParseXmlRows(const std::string& xml) {
  std::vector<std::string> rows;
  size_t pos = 0;
  while ((pos = xml.find("<row>", pos)) != std::string::npos) {
    size_t end = xml.find("</row>", pos);
    if (end == std::string::npos) throw std::runtime_error("unterminated row in mariadb output");
    std::string row;
    bool first = true;
    size_t f = pos;
    while ((f = xml.find("<field name=\"", f)) != std::string::npos && f < end) {
      size_t after_name = xml.find('"', f + 13) + 1;
      if (!first) row += '|';
      first = false;
      if (xml.compare(after_name, 14, " xsi:nil=\"true") == 0) {
        row += "\\N";
        f = xml.find("/>", after_name) + 2;
        continue;
      }
      size_t close = xml.find("</field>", after_name);
      row += XmlUnescape(std::string_view(xml).substr(after_name + 1, close - after_name - 1));
      f = close + 8;
    }
    rows.push_back(std::move(row));
    pos = end + 6;
  }
  return rows;
}

}  // namespace

// 40000-59999: clear of ThrowawayPostgres's 20000-39999, so both can run in one test process.
// The range overlaps the kernel's ephemeral ports, so a port some connection happens to hold
// is skipped: the next attempt takes another port and a fresh data directory.
ThrowawayMariaDb::ThrowawayMariaDb() {
  // The server runs as the mysql user when we are root, and must reach its directory.
  ::chmod(dir_.path().c_str(), 0755);
  std::string failures;
  for (int attempt = 0; attempt < 4; ++attempt) {
    port_ = 40000 + static_cast<int>((::getpid() + attempt * 4099) % 20000);
    data_dir_ = dir_.path() + "/mariadb" + std::to_string(attempt);
    CommandResult r = RunCommand(Script() + " start " + data_dir_ + " " + std::to_string(port_));
    if (r.exit_code == 0) {
      connection_ = r.output;
      while (!connection_.empty() && (connection_.back() == '\n' || connection_.back() == '\r')) {
        connection_.pop_back();
      }
      return;
    }
    failures += r.output;
    if (r.output.find("Address already in use") == std::string::npos) break;
  }
  throw std::runtime_error("cannot start MariaDB: " + failures);
}

ThrowawayMariaDb::~ThrowawayMariaDb() { RunCommand(Script() + " stop " + data_dir_); }

std::vector<std::string> ThrowawayMariaDb::Query(const std::string& sql) const {
  std::string path = dir_.File("query.sql");
  WriteFile(path, sql);
  CommandResult r =
      RunCommand("mariadb --no-defaults --xml --default-character-set=utf8mb4 -h 127.0.0.1 -P " +
                 std::to_string(port_) + " -u sluice -D sluice < " + path);
  if (r.exit_code != 0) throw std::runtime_error("mariadb failed: " + r.output);
  return ParseXmlRows(r.output);
}

void ThrowawayMariaDb::Execute(const std::string& sql) const { Query(sql); }

}  // namespace sluice::testing
