// sluice-gen-customers: writes a deterministic, realistically messy legacy customer CSV, the rows
// examples/legacy_customers.yaml must land from it, and the expected counts as JSON.
// Standard library only, with its own PRNG, so the same arguments give the same bytes anywhere.

#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace {

constexpr std::string_view kUsage =
    "usage: sluice-gen-customers [--rows N] [--seed S] [--out PATH] [--expected PATH] "
    "[--summary PATH]\n"
    "  --rows N         data rows to generate (default 10000)\n"
    "  --seed S         PRNG seed (default 42); same rows + seed = same bytes\n"
    "  --out PATH       the messy legacy CSV (the job's source)\n"
    "  --expected PATH  the clean rows the job must land, in source order (NULL is \\N)\n"
    "  --summary PATH   expected counts as JSON\n";

constexpr std::string_view kNull = "\\N";

// SplitMix64 (Steele, Lea, Flood 2014): fully specified, unlike the std:: distributions whose
// output differs between standard libraries.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}

  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Modulo bias is below 2^-40 for the small ranges used here: irrelevant for test data.
  uint64_t Below(uint64_t n) { return Next() % n; }
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo + 1)));
  }
  bool Percent(double p) { return Below(1'000'000) < static_cast<uint64_t>(p * 10'000); }
  template <class T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Below(N)];
  }

 private:
  uint64_t state_;
};

// One source field: what the legacy system exported and what the job makes of it.
struct Field {
  std::string messy;
  std::string clean;
};

// What happens to a row in the job; a row has at most one reason to be rejected so that the
// expected counts per reason are exact.
enum class Fate { kLands, kFiltered, kInvalidEmail, kInvalidDate, kDuplicateId };

struct Counts {
  uint64_t rows_read = 0, filtered = 0, invalid_email = 0, invalid_date = 0, duplicate_id = 0;
  uint64_t written = 0, null_phone = 0, null_revenue = 0, unknown_industry = 0;
};

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char Upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string Padded(int value, int width) {
  std::string digits = std::to_string(value);
  return std::string(digits.size() < static_cast<size_t>(width) ? width - digits.size() : 0, '0') +
         digits;
}

// The job's email rule, applied to the trimmed, lower-cased value: a guard against a generator
// bug that would make the expected counts wrong.
bool IsValidEmail(std::string_view email) {
  size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos)
    return false;
  for (char c : email)
    if (IsAsciiSpace(c)) return false;
  std::string_view domain = email.substr(at + 1);
  size_t dot = domain.find('.', 1);
  return dot != std::string_view::npos && dot + 1 < domain.size() && domain.front() != '.' &&
         domain.back() != '.';
}

std::string Padding(Rng& rng) {
  static constexpr std::string_view kPads[] = {" ", "  ", "   ", "\t", " \t"};
  return std::string(rng.Pick(kPads));
}

Field CompanyName(Rng& rng) {
  static constexpr std::string_view kStems[] = {
      "Acme",         "Globex",       "Initech",          "Umbrella",        "Stark",
      "Wayne",        "Tyrell",       "Cyberdyne",        "Soylent",         "Hooli",
      "Vandelay",     "Wonka",        "Aperture",         "Oscorp",          "Nakatomi",
      "Monarch",      "Pied Piper",   "Dunder Mifflin",   "Sterling Cooper", "Bluth",
      "Müller",       "Café Lumière", "Zürich Präzision", "Ålesund Fisk",    "Łódź Tekstil",
      "Crème Brûlée", "Smörgås",      "São Paulo Têxtil", "Øresund",         "Ōsaka Kōgyō",
      "日本商事",     "東京精密",     "大阪物産",         "Сибирь",          "Αθήνα",
      "🚀 Rocket",     "Sunny ☀️", "Coffee ☕",         "Green 🌱",         "Nordic 🐟"};
  static constexpr std::string_view kWords[] = {
      "Industries", "Holdings",  "Logistics", "Foods",  "Systems",    "Partners", "Labs",
      "Trading",    "Analytics", "Group",     "& Sons", "Consulting", "Works",    "Supply"};
  static constexpr std::string_view kSuffixes[] = {"",     "",      "",       " Inc.",    ", Inc.",
                                                   " LLC", ", LLC", " Ltd",   " GmbH",    " S.A.",
                                                   " Co.", " K.K.", ", Ltd.", " 株式会社"};
  static constexpr std::string_view kPartners[] = {"Smith",  "Jones", "Garcia", "Okafor",
                                                   "Tanaka", "Rossi", "Dubois", "Novak"};
  static constexpr std::string_view kNicknames[] = {"The Original", "Best", "Old Town", "Big"};
  static constexpr std::string_view kAttention[] = {"Attn: Accounts Payable", "c/o Billing",
                                                    "Building 7", "Head Office"};

  std::string name;
  if (rng.Percent(2)) {  // "Smith, Jones & Partners": a comma inside the name
    name =
        std::string(rng.Pick(kPartners)) + ", " + std::string(rng.Pick(kPartners)) + " & Partners";
  } else {
    name = std::string(rng.Pick(kStems));
    if (rng.Percent(3)) name += " \"" + std::string(rng.Pick(kNicknames)) + "\"";
    name += " " + std::string(rng.Pick(kWords)) + std::string(rng.Pick(kSuffixes));
  }
  if (rng.Percent(1.5)) {  // an address line pasted into the name cell; Windows users paste CRLF
    name += rng.Percent(20) ? "\r\n" : "\n";
    name += rng.Pick(kAttention);
  }
  Field field{name, name};
  if (rng.Percent(8)) {
    int where = static_cast<int>(rng.Below(3));  // leading, trailing or both
    if (where != 1) field.messy = Padding(rng) + field.messy;
    if (where != 0) field.messy += Padding(rng);
  }
  return field;
}

Field Sector(Rng& rng) {
  static constexpr std::string_view kSectors[] = {"retail",
                                                  "healthcare",
                                                  "financial services",
                                                  "tech",
                                                  "energy",
                                                  "manufacturing",
                                                  "real estate",
                                                  "education",
                                                  "logistics",
                                                  "hospitality",
                                                  "media",
                                                  "agriculture",
                                                  "insurance",
                                                  "telecommunications",
                                                  "construction",
                                                  "pharmaceuticals",
                                                  "food service",
                                                  "public sector"};
  if (rng.Percent(3)) {
    // Mostly empty cells, some holding only blanks: both end as the job's default.
    return {rng.Percent(20) ? Padding(rng) : std::string(), "Unknown"};
  }
  std::string_view sector = rng.Pick(kSectors);
  uint64_t style = rng.Below(100);  // lower, UPPER, Title, or a keyboard accident
  std::string messy, clean;
  bool word_start = true;
  for (char c : sector) {
    if (c == ' ') {
      uint64_t gap = rng.Below(10);
      messy += gap < 7 ? " " : gap < 9 ? "   " : " \t ";
      clean += ' ';
      word_start = true;
      continue;
    }
    clean += word_start ? Upper(c) : c;
    if (style < 40)
      messy += c;
    else if (style < 60)
      messy += Upper(c);
    else if (style < 85)
      messy += word_start ? Upper(c) : c;
    else
      messy += rng.Below(2) ? Upper(c) : c;
    word_start = false;
  }
  if (rng.Percent(25)) messy = Padding(rng) + messy;
  if (rng.Percent(25)) messy += Padding(rng);
  return {messy, clean};
}

Field Email(Rng& rng, bool valid) {
  static constexpr std::string_view kFirst[] = {"john",   "jane",  "maria", "wei",    "aisha",
                                                "carlos", "olga",  "kenji", "fatima", "liam",
                                                "emma",   "sofia", "raj",   "lucas",  "omar"};
  static constexpr std::string_view kLast[] = {"smith",  "garcia", "chen",    "mueller",
                                               "tanaka", "okafor", "rossi",   "kowalski",
                                               "nguyen", "silva",  "johnson", "dubois"};
  static constexpr std::string_view kDomains[] = {
      "acme.com",  "globex.net", "initech.io", "example-corp.com", "mail.co.uk",
      "hooli.com", "wonka.de",   "oscorp.fr",  "umbrella.org",     "vandelay.biz"};
  static constexpr std::string_view kTags[] = {"billing", "ap", "crm"};

  std::string first(rng.Pick(kFirst)), last(rng.Pick(kLast)), domain(rng.Pick(kDomains));
  std::string tag(rng.Pick(kTags)), number = std::to_string(rng.Between(10, 99));
  const std::string locals[] = {first + "." + last,          first + "_" + last,
                                first.substr(0, 1) + last,   first + "." + last + "+" + tag,
                                first + "." + last + number, first};
  std::string local = locals[rng.Below(6)];
  std::string undotted_domain;
  for (char c : domain)
    if (c != '.') undotted_domain += c;
  const std::string invalid[] = {
      local + "." + domain,               // no @
      first + "@" + last + "@" + domain,  // two @
      first + " " + last + "@" + domain,  // a space inside
      local + "@" + undotted_domain,      // no dot in the domain
      "@" + domain,                       // no local part
  };
  std::string email = valid ? local + "@" + domain : invalid[rng.Below(5)];
  Field field{email, email};
  uint64_t shout = rng.Below(100);
  if (shout < 12) {
    for (char& c : field.messy) c = Upper(c);
  } else if (shout < 20) {  // "John.Smith@Acme.com"
    field.messy[0] = Upper(field.messy[0]);
    size_t at = field.messy.find('@');
    if (at != std::string::npos && at + 1 < field.messy.size())
      field.messy[at + 1] = Upper(field.messy[at + 1]);
  }
  if (rng.Percent(5)) field.messy = Padding(rng) + field.messy + Padding(rng);
  return field;
}

Field Phone(Rng& rng) {
  static constexpr int kAreas[] = {212, 415, 312, 617, 202, 305, 404, 503, 206, 713};
  static constexpr std::string_view kInvalid[] = {"734-01",       "12345",    "call me", "n/a",
                                                  "000-000-0000", "555-0143", "TBD"};
  if (rng.Percent(3)) return {"", std::string(kNull)};
  if (rng.Percent(2)) return {std::string(rng.Pick(kInvalid)), std::string(kNull)};

  std::string area = std::to_string(rng.Pick(kAreas));
  int exchange_value;
  do {  // 555 is the fictional exchange and N11 are service codes: neither is a real number
    exchange_value = static_cast<int>(rng.Between(200, 999));
  } while (exchange_value == 555 || exchange_value % 100 == 11);
  std::string exchange = std::to_string(exchange_value);
  std::string line = Padded(static_cast<int>(rng.Below(10000)), 4);

  const std::string shapes[] = {area + exchange + line,
                                area + "-" + exchange + "-" + line,
                                "(" + area + ") " + exchange + "-" + line,
                                area + "." + exchange + "." + line,
                                "+1 " + area + " " + exchange + " " + line,
                                "1-" + area + "-" + exchange + "-" + line,
                                "+1 (" + area + ") " + exchange + "-" + line,
                                area + " " + exchange + " " + line};
  std::string messy = shapes[rng.Below(8)];
  if (rng.Percent(3)) {
    messy += rng.Below(2) ? " x" + std::to_string(rng.Between(100, 999))
                          : " ext. " + std::to_string(rng.Between(1, 99));
  }
  return {messy, "(" + area + ") " + exchange + "-" + line};
}

std::string WithThousands(int64_t value) {
  std::string digits = std::to_string(value), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// "12.5" from 125 tenths; "12" when the tenth is zero, as people write it.
std::string Tenths(int64_t tenths) {
  std::string out = std::to_string(tenths / 10);
  if (tenths % 10 != 0) out += "." + std::to_string(tenths % 10);
  return out;
}

std::string Money(int64_t cents) {
  return std::to_string(cents / 100) + "." + Padded(static_cast<int>(cents % 100), 2);
}

Field Sales(Rng& rng) {
  static constexpr std::string_view kGarbage[] = {"n/a", "unknown", ""};
  if (rng.Percent(3)) return {std::string(rng.Pick(kGarbage)), std::string(kNull)};

  int64_t digits = rng.Between(4, 8);
  int64_t low = 1;
  for (int64_t i = 1; i < digits; ++i) low *= 10;
  int64_t dollars = rng.Between(low, low * 10 - 1);
  int64_t cents = static_cast<int64_t>(rng.Below(100));
  uint64_t shape = rng.Below(100);
  if (shape < 25)
    return {"$" + WithThousands(dollars) + "." + Padded(static_cast<int>(cents), 2),
            Money(dollars * 100 + cents)};
  if (shape < 45)
    return {std::to_string(dollars) + "." + Padded(static_cast<int>(cents), 2),
            Money(dollars * 100 + cents)};
  if (shape < 55) return {std::to_string(dollars), Money(dollars * 100)};
  if (shape < 70) return {"$" + WithThousands(dollars), Money(dollars * 100)};
  if (shape < 85) {
    int64_t tenths = rng.Between(10, 9999);
    return {Tenths(tenths) + "M", Money(tenths * 100'000 * 100)};
  }
  if (shape < 97) {
    int64_t tenths = rng.Percent(20) ? rng.Between(100, 9999) : rng.Between(10, 999) * 10;
    return {Tenths(tenths) + "K", Money(tenths * 100 * 100)};
  }
  int64_t tenths = rng.Between(10, 99);
  return {Tenths(tenths) + "B", Money(tenths * 100'000'000 * 100)};
}

int DaysIn(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

Field Created(Rng& rng, bool valid) {
  static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  static constexpr std::string_view kInvalid[] = {"2021-13-45", "2020-02-30", "0000-00-00",
                                                  "yesterday",  "2019-02-29", "13/25/2020",
                                                  "31-Apr-2021"};
  if (!valid) return {std::string(rng.Pick(kInvalid)), ""};

  int year = static_cast<int>(rng.Between(1995, 2024));
  int month = static_cast<int>(rng.Between(1, 12));
  int day = static_cast<int>(rng.Between(1, DaysIn(year, month)));
  std::string y = std::to_string(year), m = Padded(month, 2), d = Padded(day, 2);
  std::string iso = y + "-" + m + "-" + d;
  uint64_t shape = rng.Below(100);
  std::string messy;
  if (shape < 35) {
    messy = iso;
  } else if (shape < 55) {  // US exports often drop the leading zeros
    messy = rng.Percent(25) ? std::to_string(month) + "/" + std::to_string(day) + "/" + y
                            : m + "/" + d + "/" + y;
  } else if (shape < 67) {
    messy = d + "-" + std::string(kMonths[month - 1]) + "-" + y;
  } else if (shape < 77) {
    messy = y + "/" + m + "/" + d;
  } else {
    messy = iso + "T" + Padded(static_cast<int>(rng.Below(24)), 2) + ":" +
            Padded(static_cast<int>(rng.Below(60)), 2) + ":" +
            Padded(static_cast<int>(rng.Below(60)), 2) + (shape < 90 ? "" : "Z");
  }
  return {messy, iso};
}

void AppendCsvField(std::string& out, std::string_view value, bool force_quotes = false) {
  if (!force_quotes && value.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += value;
    return;
  }
  out += '"';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string TrimmedLower(std::string_view text) {
  while (!text.empty() && IsAsciiSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsAsciiSpace(text.back())) text.remove_suffix(1);
  std::string out(text);
  for (char& c : out) c = Lower(c);
  return out;
}

// A file written through a large buffer; a failed write ends the program with the path named.
class Output {
 public:
  explicit Output(const std::string& path) : path_(path) {
    if (path_.empty()) return;
    std::filesystem::path parent = std::filesystem::path(path_).parent_path();
    std::error_code ignored;  // a missing directory is reported by the open below
    if (!parent.empty()) std::filesystem::create_directories(parent, ignored);
    file_.open(path_, std::ios::binary | std::ios::trunc);
    if (!file_) Fail();
  }
  bool enabled() const { return !path_.empty(); }
  std::string& buffer() { return buffer_; }
  void FlushIfLarge() {
    if (buffer_.size() >= (1u << 20)) Flush();
  }
  void Close() {
    if (!enabled()) return;
    Flush();
    file_.close();
    if (!file_) Fail();
  }

 private:
  void Flush() {
    file_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    if (!file_) Fail();
    buffer_.clear();
  }
  [[noreturn]] void Fail() const {
    std::cerr << "sluice-gen-customers: cannot write " << path_ << "\n";
    std::exit(1);
  }

  std::string path_;
  std::ofstream file_;
  std::string buffer_;
};

struct Arguments {
  uint64_t rows = 10000;
  uint64_t seed = 42;
  std::string out, expected, summary;
};

std::optional<uint64_t> ParseCount(std::string_view text) {
  uint64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

[[noreturn]] void UsageError(const std::string& what) {
  std::cerr << "sluice-gen-customers: " << what << "\n" << kUsage;
  std::exit(2);
}

Arguments ParseArguments(int argc, char** argv) {
  Arguments args;
  for (int i = 1; i < argc; ++i) {
    std::string_view flag = argv[i];
    if (flag == "--help" || flag == "-h") {
      std::cout << kUsage;
      std::exit(0);
    }
    if (i + 1 >= argc) UsageError("missing value after " + std::string(flag));
    std::string_view value = argv[++i];
    if (flag == "--rows" || flag == "--seed") {
      std::optional<uint64_t> number = ParseCount(value);
      if (!number)
        UsageError(std::string(flag) + " wants a non-negative integer, not '" + std::string(value) +
                   "'");
      (flag == "--rows" ? args.rows : args.seed) = *number;
    } else if (flag == "--out") {
      args.out = value;
    } else if (flag == "--expected") {
      args.expected = value;
    } else if (flag == "--summary") {
      args.summary = value;
    } else {
      UsageError("unknown option " + std::string(flag));
    }
  }
  if (args.out.empty() && args.expected.empty() && args.summary.empty())
    UsageError("nothing to write: give --out, --expected or --summary");
  return args;
}

Fate DrawFate(Rng& rng, bool can_duplicate) {
  uint64_t roll = rng.Below(100'000);
  if (roll < 10'000) return Fate::kFiltered;
  if (roll < 12'000) return Fate::kInvalidEmail;
  if (roll < 13'500) return Fate::kInvalidDate;
  if (roll < 14'500 && can_duplicate) return Fate::kDuplicateId;
  return Fate::kLands;
}

// One key per line, so that shell scripts can read a count with grep.
std::string SummaryJson(const Arguments& args, const Counts& counts) {
  uint64_t rejected = counts.invalid_email + counts.invalid_date + counts.duplicate_id;
  auto line = [](std::string_view indent, std::string_view key, uint64_t value, bool last) {
    return std::string(indent) + "\"" + std::string(key) + "\": " + std::to_string(value) +
           (last ? "\n" : ",\n");
  };
  return "{\n" + line("  ", "seed", args.seed, false) +
         line("  ", "rows_read", counts.rows_read, false) +
         line("  ", "filtered", counts.filtered, false) + line("  ", "rejected", rejected, false) +
         "  \"rejected_by_reason\": {\n" +
         line("    ", "invalid_email", counts.invalid_email, false) +
         line("    ", "invalid_date", counts.invalid_date, false) +
         line("    ", "duplicate_id", counts.duplicate_id, true) + "  },\n" +
         line("  ", "expected_written", counts.written, false) + "  \"expected_nulls\": {\n" +
         line("    ", "phone", counts.null_phone, false) +
         line("    ", "annual_revenue", counts.null_revenue, true) + "  },\n" +
         line("  ", "expected_unknown_industry", counts.unknown_industry, true) + "}\n";
}

}  // namespace

int main(int argc, char** argv) {
  Arguments args = ParseArguments(argc, argv);
  Output out(args.out), expected(args.expected);
  if (out.enabled())
    out.buffer() +=
        "customer_id,company_name,sector,primary_email,phone,annual_sales,created_timestamp,"
        "status\r\n";
  if (expected.enabled())
    expected.buffer() +=
        "customer_id,name,industry,email,phone,annual_revenue,created_date,active\n";

  Rng rng(args.seed);
  Counts counts;
  std::vector<int64_t> landed_ids;  // only a landed row claims its id for the unique rule
  int64_t next_id = 100000;
  for (uint64_t row = 0; row < args.rows; ++row) {
    Fate fate = DrawFate(rng, !landed_ids.empty());
    int64_t id = fate == Fate::kDuplicateId ? landed_ids[rng.Below(landed_ids.size())]
                                            : (next_id += rng.Between(1, 3));
    Field name = CompanyName(rng);
    Field sector = Sector(rng);
    Field email = Email(rng, fate != Fate::kInvalidEmail);
    Field phone = Phone(rng);
    Field sales = Sales(rng);
    Field created = Created(rng, fate != Fate::kInvalidDate);
    if (IsValidEmail(TrimmedLower(email.messy)) != (fate != Fate::kInvalidEmail)) {
      std::cerr << "sluice-gen-customers: bug: email '" << email.messy
                << "' contradicts its intended validity\n";
      return 3;
    }

    if (out.enabled()) {
      std::string& b = out.buffer();
      b += std::to_string(id);
      b += ',';
      AppendCsvField(b, name.messy, rng.Percent(30));  // spreadsheet exports quote text cells
      b += ',';
      AppendCsvField(b, sector.messy);
      b += ',';
      AppendCsvField(b, email.messy);
      b += ',';
      AppendCsvField(b, phone.messy);
      b += ',';
      AppendCsvField(b, sales.messy);
      b += ',';
      AppendCsvField(b, created.messy);
      b += fate == Fate::kFiltered ? ",inactive\r\n" : ",active\r\n";
      out.FlushIfLarge();
    } else {
      rng.Percent(30);  // keep the random stream identical whichever files are asked for
    }

    ++counts.rows_read;
    switch (fate) {
      case Fate::kFiltered:
        ++counts.filtered;
        continue;
      case Fate::kInvalidEmail:
        ++counts.invalid_email;
        continue;
      case Fate::kInvalidDate:
        ++counts.invalid_date;
        continue;
      case Fate::kDuplicateId:
        ++counts.duplicate_id;
        continue;
      case Fate::kLands:
        break;
    }
    landed_ids.push_back(id);
    ++counts.written;
    counts.null_phone += phone.clean == kNull;
    counts.null_revenue += sales.clean == kNull;
    counts.unknown_industry += sector.clean == "Unknown";
    if (expected.enabled()) {
      std::string& b = expected.buffer();
      b += std::to_string(id);
      b += ',';
      AppendCsvField(b, name.clean);
      b += ',';
      AppendCsvField(b, sector.clean);
      b += ',';
      AppendCsvField(b, email.clean);
      b += ',';
      AppendCsvField(b, phone.clean);
      b += ',';
      AppendCsvField(b, sales.clean);
      b += ',';
      AppendCsvField(b, created.clean);
      b += ",1\n";
      expected.FlushIfLarge();
    }
  }
  out.Close();
  expected.Close();
  if (!args.summary.empty()) {
    Output summary(args.summary);
    summary.buffer() = SummaryJson(args, counts);
    summary.Close();
  }
  return 0;
}
