// Built-in levels of every check, the starting point of each table of a monitor file:
// missing warn > 1% / fail > 10%, duplicates fail > 0, formats warn > 0 / fail > 5%,
// orphans fail > 0, outliers warn > 1%, dominance warn > 95%, volume warn change < -20% /
// fail change < -50%, schema: added columns warn, removed or retyped columns fail.
#pragma once

#include <string>

#include "monitor/monitor_spec.h"

namespace sluice {

TableSpec DefaultTableSpec(const std::string& name);

}  // namespace sluice
