// sluice-gen-shop: writes a deterministic shop database (customers, products, orders,
// order_items) to SQLite, clean or with planted quality problems, and the planted counts as JSON.
// Standard library and libsqlite3 only, with its own PRNG: the same arguments give the same rows.

#include <sqlite3.h>

#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr std::string_view kUsage =
    "usage: sluice-gen-shop --out DB [--customers N] [--orders M] [--products P] [--seed S]\n"
    "                       [--plant-problems] [--summary PATH]\n"
    "  --out DB          the SQLite database to write (replaced if it exists)\n"
    "  --customers N     customers (default 10000)\n"
    "  --orders M        orders (default 2 per customer); 1 to 2 order_items each\n"
    "  --products P      products (default 500)\n"
    "  --seed S          PRNG seed (default 42); same arguments = same rows\n"
    "  --plant-problems  NULL, duplicate and malformed emails, bad phones, date and amount\n"
    "                    texts, orphaned orders, outlier totals, a dominated customer status,\n"
    "                    duplicate product ids (products declares no key)\n"
    "  --summary PATH    the row counts and planted problem counts as JSON\n";

// SplitMix64 (Steele, Lea, Flood 2014): fully specified, unlike the std:: distributions.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  uint64_t Below(uint64_t n) { return Next() % n; }
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo + 1)));
  }
  template <class T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Below(N)];
  }

 private:
  uint64_t state_;
};

// Each row draws from its own stream, so any row can be recomputed from its id alone (a
// duplicate email copies an earlier customer's without keeping every email in memory).
Rng RowRng(uint64_t seed, uint64_t table, int64_t id) {
  Rng mix(seed * 0x100000001b3ULL ^ (table << 56) ^ static_cast<uint64_t>(id));
  return Rng(mix.Next());
}

struct Arguments {
  std::string out, summary;
  int64_t customers = 10000, orders = -1, products = 500;
  uint64_t seed = 42;
  bool plant = false;
};

struct Summary {
  int64_t customers = 0, products = 0, orders = 0, order_items = 0;
  int64_t null_emails = 0, bad_emails = 0, duplicate_emails = 0, null_phones = 0, empty_phones = 0,
          bad_phones = 0, bad_dates = 0, null_revenues = 0, bad_revenues = 0, active_customers = 0,
          orphan_orders = 0, outlier_totals = 0, duplicate_product_ids = 0;
};

constexpr std::string_view kFirst[] = {
    "John", "Jane", "Maria", "Wei",   "Aisha", "José",  "Zoë",   "Łukasz", "Søren", "Françoise",
    "Ngọc", "明",   "Анна",  "Eleni", "Björn", "Priya", "Olúwá", "Chloé",  "Mateo", "Ikaika"};
constexpr std::string_view kLast[] = {
    "Smith", "García", "Müller", "Nguyễn", "Okafor",  "Dvořák",       "Tanaka", "O'Brien",
    "Rossi", "Dubois", "Novak",  "王",     "Иванова", "Papadopoulou", "Jensen", "Kowalski"};
constexpr std::string_view kAsciiFirst[] = {"john", "jane", "maria",  "wei",   "aisha",
                                            "jose", "zoe",  "lukasz", "soren", "francoise"};
constexpr std::string_view kDomains[] = {"example.com", "mail.example.org", "shop.example.net",
                                         "example.co.uk"};
constexpr std::string_view kCountries[] = {"US", "DE", "FR", "GB", "JP", "BR", "IN", "PL", "NG"};
// Malformed emails, each made unique by the customer's id so that they are not duplicates too.
constexpr std::string_view kBadEmails[] = {"john.smith{}@", "no-at-sign{}.example.com",
                                           "two{}@@example.com", "a b{}@example.com",
                                           "@example{}.com"};
constexpr std::string_view kBadPhones[] = {"call me", "12", "n/a", "555-CALL-NOW"};
constexpr std::string_view kBadDates[] = {"2023-02-30", "31/12/2022", "not a date", "2023-13-01",
                                          "2023-1-5"};
constexpr std::string_view kBadAmounts[] = {"N/A", "1,234.50", "twelve", "$99.00"};
constexpr std::string_view kOrderStatus[] = {"placed", "paid", "shipped", "delivered", "cancelled"};

// Writes `v` as exactly `width` decimal digits at `at`.
void Digits(char* at, int64_t v, int width) {
  for (int i = width - 1; i >= 0; --i, v /= 10) at[i] = static_cast<char>('0' + v % 10);
}

std::string Date(int64_t days_since_epoch) {
  std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days_since_epoch}}};
  std::string out = "YYYY-MM-DD";
  Digits(&out[0], static_cast<int>(ymd.year()), 4);
  Digits(&out[5], static_cast<unsigned>(ymd.month()), 2);
  Digits(&out[8], static_cast<unsigned>(ymd.day()), 2);
  return out;
}

// "YYYY-MM-DD HH:MM:SS.ffffff" for micros since the epoch.
std::string Timestamp(int64_t micros) {
  int64_t secs = micros / 1'000'000, rest = secs % 86400;
  std::string out = Date(secs / 86400) + " HH:MM:SS.ffffff";
  Digits(&out[11], rest / 3600, 2);
  Digits(&out[14], rest / 60 % 60, 2);
  Digits(&out[17], rest % 60, 2);
  Digits(&out[20], micros % 1'000'000, 6);
  return out;
}

// A value to bind: NULL, an integer, an amount in cents (a DECIMAL(p,2) column; bound as the
// double nearest to it, which is what SQLite stores for the text "12.30" too) or text.
struct Value {
  enum class Kind { kNull, kInt, kCents, kText } kind = Kind::kNull;
  int64_t number = 0;
  std::string text;

  static Value Int(int64_t v) { return {Kind::kInt, v, {}}; }
  static Value Cents(int64_t cents) { return {Kind::kCents, cents, {}}; }
  static Value Text(std::string s) { return {Kind::kText, 0, std::move(s)}; }
  static Value Text(std::string_view s) { return {Kind::kText, 0, std::string(s)}; }
};

constexpr int64_t kFirstDay = 19358;                        // 2023-01-01
constexpr int64_t kUpdatedFrom = 1704067200LL * 1'000'000;  // 2024-01-01 00:00:00 UTC

struct Customer {
  Value name, email, phone, country, signup_date, revenue, status, updated_at;
  enum class EmailFate { kNormal, kNull, kBad, kDuplicate } email_fate = EmailFate::kNormal;
  bool bad_phone = false, bad_date = false, bad_revenue = false;
};

// Everything about customer `id` except the resolution of a duplicate email.
Customer MakeCustomer(const Arguments& a, int64_t id) {
  Rng r = RowRng(a.seed, 1, id);
  Customer c;
  uint64_t email_draw = r.Below(1000);
  if (a.plant) {
    using F = Customer::EmailFate;
    c.email_fate = email_draw < 30   ? F::kNull
                   : email_draw < 50 ? F::kBad
                   : email_draw < 60 ? F::kDuplicate
                                     : F::kNormal;
    if (id == 1 && c.email_fate == F::kDuplicate) c.email_fate = F::kNormal;  // nothing to copy
  }
  c.name = Value::Text(std::string(r.Pick(kFirst)) + " " + std::string(r.Pick(kLast)));
  std::string_view first = r.Pick(kAsciiFirst), domain = r.Pick(kDomains);
  if (c.email_fate == Customer::EmailFate::kNormal) {
    c.email =
        Value::Text(std::string(first) + "." + std::to_string(id) + "@" + std::string(domain));
  } else if (c.email_fate == Customer::EmailFate::kBad) {
    std::string bad(r.Pick(kBadEmails));
    c.email = Value::Text(bad.replace(bad.find("{}"), 2, std::to_string(id)));
  }
  uint64_t phone_draw = r.Below(1000);
  if (phone_draw < 30) {
    c.phone = {};
  } else if (phone_draw < 40) {
    c.phone = Value::Text(std::string());
  } else if (a.plant && phone_draw < 50) {
    c.phone = Value::Text(r.Pick(kBadPhones));
    c.bad_phone = true;
  } else {
    std::string phone = "+1 NNN-NNN-NNNN";
    Digits(&phone[3], r.Between(201, 989), 3);
    Digits(&phone[7], r.Between(200, 999), 3);
    Digits(&phone[11], r.Between(0, 9999), 4);
    c.phone = Value::Text(std::move(phone));
  }
  c.country = Value::Text(r.Pick(kCountries));
  c.bad_date = a.plant && r.Below(100) == 0;
  c.signup_date = Value::Text(c.bad_date ? std::string(r.Pick(kBadDates))
                                         : Date(kFirstDay + r.Between(0, 364)));
  uint64_t revenue_draw = r.Below(1000);
  if (revenue_draw < 20) {
    c.revenue = {};
  } else if (a.plant && revenue_draw < 25) {
    c.revenue = Value::Text(r.Pick(kBadAmounts));
    c.bad_revenue = true;
  } else {
    c.revenue = Value::Cents(r.Between(0, 5'000'000));
  }
  uint64_t status_draw = r.Below(1000);
  std::string_view status;
  if (a.plant) {
    status = status_draw < 975 ? "active" : status_draw < 990 ? "inactive" : "pending";
  } else {
    status = status_draw < 700 ? "active" : status_draw < 900 ? "inactive" : "pending";
  }
  c.status = Value::Text(status);
  if (r.Below(100) != 0) {
    c.updated_at = Value::Text(Timestamp(kUpdatedFrom + r.Between(0, 180LL * 86400'000'000)));
  }
  return c;
}

class Database {
 public:
  explicit Database(const std::string& path) {
    std::filesystem::remove(path);
    if (sqlite3_open_v2(path.c_str(), &db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
      Fail("cannot open " + path);
    }
  }
  ~Database() { sqlite3_close(db_); }
  void Exec(const std::string& sql) {
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) Fail(sql);
  }
  sqlite3_stmt* Prepare(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) Fail(sql);
    return stmt;
  }
  // Binds the values (they outlive the step) and runs the insert.
  void Insert(sqlite3_stmt* stmt, std::initializer_list<const Value*> values) {
    int at = 1;
    for (const Value* v : values) {
      switch (v->kind) {
        case Value::Kind::kNull:
          sqlite3_bind_null(stmt, at);
          break;
        case Value::Kind::kInt:
          sqlite3_bind_int64(stmt, at, v->number);
          break;
        case Value::Kind::kCents:
          sqlite3_bind_double(stmt, at, static_cast<double>(v->number) / 100.0);
          break;
        case Value::Kind::kText:
          sqlite3_bind_text(stmt, at, v->text.data(), static_cast<int>(v->text.size()),
                            SQLITE_STATIC);
          break;
      }
      ++at;
    }
    if (sqlite3_step(stmt) != SQLITE_DONE) Fail("insert");
    sqlite3_reset(stmt);
  }
  [[noreturn]] void Fail(const std::string& what) {
    std::cerr << "sluice-gen-shop: " << what << ": " << sqlite3_errmsg(db_) << "\n";
    std::exit(1);
  }

 private:
  sqlite3* db_ = nullptr;
};

void WriteCustomers(const Arguments& a, Database& db, Summary& s) {
  sqlite3_stmt* insert = db.Prepare(
      "INSERT INTO customers (id, name, email, phone, country, signup_date, revenue, status, "
      "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (int64_t id = 1; id <= a.customers; ++id) {
    Customer c = MakeCustomer(a, id);
    if (c.email_fate == Customer::EmailFate::kDuplicate) {
      Rng r = RowRng(a.seed, 2, id);
      for (;;) {  // copy the email of an earlier customer whose own email is a normal one
        Customer earlier = MakeCustomer(a, r.Between(1, id - 1));
        if (earlier.email_fate == Customer::EmailFate::kNormal) {
          c.email = earlier.email;
          break;
        }
      }
      ++s.duplicate_emails;
    }
    s.null_emails += c.email_fate == Customer::EmailFate::kNull;
    s.bad_emails += c.email_fate == Customer::EmailFate::kBad;
    s.null_phones += c.phone.kind == Value::Kind::kNull;
    s.empty_phones += c.phone.kind == Value::Kind::kText && c.phone.text.empty();
    s.bad_phones += c.bad_phone;
    s.bad_dates += c.bad_date;
    s.null_revenues += c.revenue.kind == Value::Kind::kNull;
    s.bad_revenues += c.bad_revenue;
    s.active_customers += c.status.text == "active";
    Value key = Value::Int(id);
    db.Insert(insert, {&key, &c.name, &c.email, &c.phone, &c.country, &c.signup_date, &c.revenue,
                       &c.status, &c.updated_at});
  }
  sqlite3_finalize(insert);
  s.customers = a.customers;
}

void WriteProducts(const Arguments& a, Database& db, Summary& s) {
  sqlite3_stmt* insert =
      db.Prepare("INSERT INTO products (id, sku, name, price) VALUES (?, ?, ?, ?)");
  static constexpr std::string_view kKinds[] = {"Mug",    "Lamp",  "Chair",  "Notebook",
                                                "Kettle", "Scarf", "Teapot", "Clock"};
  static constexpr std::string_view kLooks[] = {"Blue", "Oak", "Crème", "Matte", "Nordic", "Tiny"};
  for (int64_t id = 1; id <= a.products; ++id) {
    Rng r = RowRng(a.seed, 3, id);
    std::string sku = "SKU-000000";
    Digits(&sku[4], id % 1'000'000, 6);
    Value key = Value::Int(id), code = Value::Text(sku),
          name = Value::Text(std::string(r.Pick(kLooks)) + " " + std::string(r.Pick(kKinds))),
          price = Value::Cents(r.Between(199, 49999));
    db.Insert(insert, {&key, &code, &name, &price});
    ++s.products;
    if (a.plant && r.Below(50) == 0) {  // the same id listed twice, with a new SKU
      code.text += "-B";
      db.Insert(insert, {&key, &code, &name, &price});
      ++s.products;
      ++s.duplicate_product_ids;
    }
  }
  sqlite3_finalize(insert);
}

void WriteOrders(const Arguments& a, Database& db, Summary& s) {
  sqlite3_stmt* order = db.Prepare(
      "INSERT INTO orders (id, customer_id, order_date, total, status, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  sqlite3_stmt* item = db.Prepare(
      "INSERT INTO order_items (order_id, product_id, qty, unit_price) VALUES (?, ?, ?, ?)");
  for (int64_t id = 1; id <= a.orders; ++id) {
    Rng r = RowRng(a.seed, 4, id);
    int64_t customer = r.Between(1, a.customers);
    if (a.plant && r.Below(200) == 0) {  // a customer that was never loaded
      customer = a.customers + r.Between(1, 1'000'000);
      ++s.orphan_orders;
    }
    int64_t cents = r.Between(500, 50000);
    if (a.plant && r.Below(1000) == 0) {
      cents = r.Between(5'000'000, 9'999'999);
      ++s.outlier_totals;
    }
    int64_t day = kFirstDay + r.Between(0, 545);
    int64_t micros = day * 86400'000'000 + r.Between(0, 86400'000'000 - 1);
    Value key = Value::Int(id), buyer = Value::Int(customer), date = Value::Text(Date(day)),
          total = Value::Cents(cents), status = Value::Text(r.Pick(kOrderStatus)),
          created = Value::Text(Timestamp(micros));
    db.Insert(order, {&key, &buyer, &date, &total, &status, &created});
    ++s.orders;
    for (int64_t n = r.Between(1, 2); n > 0; --n) {
      Value product = Value::Int(r.Between(1, a.products)), qty = Value::Int(r.Between(1, 5)),
            price = Value::Cents(r.Between(199, 49999));
      db.Insert(item, {&key, &product, &qty, &price});
      ++s.order_items;
    }
  }
  sqlite3_finalize(order);
  sqlite3_finalize(item);
}

void WriteSummary(const std::string& path, const Summary& s) {
  std::ofstream out(path);
  auto field = [&out](const char* name, int64_t v, bool last = false) {
    out << "  \"" << name << "\": " << v << (last ? "\n" : ",\n");
  };
  out << "{\n";
  field("customers", s.customers);
  field("products", s.products);
  field("orders", s.orders);
  field("order_items", s.order_items);
  field("null_emails", s.null_emails);
  field("bad_emails", s.bad_emails);
  field("duplicate_emails", s.duplicate_emails);
  field("null_phones", s.null_phones);
  field("empty_phones", s.empty_phones);
  field("bad_phones", s.bad_phones);
  field("bad_dates", s.bad_dates);
  field("null_revenues", s.null_revenues);
  field("bad_revenues", s.bad_revenues);
  field("active_customers", s.active_customers);
  field("orphan_orders", s.orphan_orders);
  field("outlier_totals", s.outlier_totals);
  field("duplicate_product_ids", s.duplicate_product_ids, true);
  out << "}\n";
  if (!out) {
    std::cerr << "sluice-gen-shop: cannot write " << path << "\n";
    std::exit(1);
  }
}

int64_t Count(std::string_view flag, const char* text) {
  int64_t v = 0;
  std::string_view s(text);
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < 0) {
    std::cerr << "sluice-gen-shop: " << flag << " needs a non-negative integer\n" << kUsage;
    std::exit(2);
  }
  return v;
}

Arguments ParseArguments(int argc, char** argv) {
  Arguments a;
  for (int i = 1; i < argc; ++i) {
    std::string_view flag = argv[i];
    if (flag == "--plant-problems") {
      a.plant = true;
      continue;
    }
    if (flag == "--help" || flag == "-h") {
      std::cout << kUsage;
      std::exit(0);
    }
    if (i + 1 >= argc) {
      std::cerr << "sluice-gen-shop: " << flag << " needs a value\n" << kUsage;
      std::exit(2);
    }
    const char* value = argv[++i];
    if (flag == "--out") {
      a.out = value;
    } else if (flag == "--summary") {
      a.summary = value;
    } else if (flag == "--customers") {
      a.customers = Count(flag, value);
    } else if (flag == "--orders") {
      a.orders = Count(flag, value);
    } else if (flag == "--products") {
      a.products = Count(flag, value);
    } else if (flag == "--seed") {
      a.seed = static_cast<uint64_t>(Count(flag, value));
    } else {
      std::cerr << "sluice-gen-shop: unknown option " << flag << "\n" << kUsage;
      std::exit(2);
    }
  }
  if (a.out.empty()) {
    std::cerr << "sluice-gen-shop: --out is required\n" << kUsage;
    std::exit(2);
  }
  if (a.orders < 0) a.orders = 2 * a.customers;
  if ((a.customers == 0 && a.orders > 0) || a.products == 0) {
    std::cerr << "sluice-gen-shop: orders need at least one customer and one product\n";
    std::exit(2);
  }
  return a;
}

}  // namespace

int main(int argc, char** argv) {
  Arguments a = ParseArguments(argc, argv);
  Database db(a.out);
  db.Exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN");
  // products declares no key on purpose: a table whose duplicates only a check can find.
  db.Exec(
      "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, email TEXT, phone TEXT, "
      "country TEXT, signup_date DATE, revenue DECIMAL(12,2), status TEXT, updated_at TIMESTAMP);"
      "CREATE TABLE products (id INTEGER NOT NULL, sku TEXT, name TEXT, price DECIMAL(10,2));"
      "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES "
      "customers(id), order_date DATE, total DECIMAL(12,2), status TEXT, created_at TIMESTAMP);"
      "CREATE TABLE order_items (order_id INTEGER REFERENCES orders(id), product_id INTEGER "
      "REFERENCES products(id), qty INTEGER, unit_price DECIMAL(10,2));");
  Summary s;
  WriteCustomers(a, db, s);
  WriteProducts(a, db, s);
  WriteOrders(a, db, s);
  db.Exec("COMMIT");
  if (!a.summary.empty()) WriteSummary(a.summary, s);
  return 0;
}
