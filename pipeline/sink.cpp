// Defaults shared by the sinks.
#include "pipeline/sink.h"

#include "pipeline/errors.h"

namespace sluice {

Schema RejectTableSchema() {
  const DataType text{TypeId::kText}, integer{TypeId::kInteger};
  return {{{"run_id", text},
           {"job", text},
           {"source", text},
           {"line", integer},
           {"byte_offset", integer},
           {"column_name", text},
           {"rule", text},
           {"reason", text},
           {"record", text}}};
}

void Sink::WriteRejects(const std::string& table, const std::string&, const std::string&,
                        const std::vector<RejectRow>&) {
  throw RunError("this target cannot hold the rejects table " + table);
}

}  // namespace sluice
