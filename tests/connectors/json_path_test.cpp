// JSON field paths: the syntax (bare, quoted and bracketed keys, indexes), its errors, and what
// a path finds in a document (values, NULL for missing, reasons for a wrong shape).
#include "connectors/json/json_path.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <optional>
#include <string>
#include <vector>

#include "connectors/json/document_walker.h"

namespace sluice {
namespace {

JsonPathStep Key(std::string k) { return {false, std::move(k), 0}; }
JsonPathStep Index(uint64_t i) { return {true, "", i}; }

TEST(JsonPath, ParsesKeysIndexesAndQuotedKeys) {
  struct Case {
    std::string text;
    std::vector<JsonPathStep> steps;
    std::string canonical;
  };
  const std::vector<Case> cases = {
      {"id", {Key("id")}, "id"},
      {"customer.address.city",
       {Key("customer"), Key("address"), Key("city")},
       "customer.address.city"},
      {"items[0].sku", {Key("items"), Index(0), Key("sku")}, "items[0].sku"},
      {"m[2][10]", {Key("m"), Index(2), Index(10)}, "m[2][10]"},
      {"\"a.b\"", {Key("a.b")}, "\"a.b\""},
      {"meta.\"a.b\".c", {Key("meta"), Key("a.b"), Key("c")}, "meta.\"a.b\".c"},
      {"[\"a.b\"]", {Key("a.b")}, "\"a.b\""},
      {"x[\"[0]\"]", {Key("x"), Key("[0]")}, "x.\"[0]\""},
      {"\"say \\\"hi\\\" \\\\o/\"", {Key("say \"hi\" \\o/")}, "\"say \\\"hi\\\" \\\\o/\""},
      {"\"\"", {Key("")}, "\"\""},
      {"full name.é", {Key("full name"), Key("é")}, "full name.é"},
  };
  for (const Case& c : cases) {
    const JsonPathParse parsed = ParseJsonPath(c.text);
    ASSERT_TRUE(parsed.path) << c.text << ": " << parsed.error;
    EXPECT_EQ(parsed.path->steps, c.steps) << c.text;
    EXPECT_EQ(parsed.path->ToString(), c.canonical) << c.text;
    // The canonical spelling reads back as the same path.
    EXPECT_EQ(ParseJsonPath(c.canonical).path, parsed.path) << c.text;
  }
}

TEST(JsonPath, NamesTheProblemAndItsCharacter) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "the path is empty at character 1"},
      {"a..b", "empty key between two dots at character 3"},
      {"a.", "the path ends with '.' at character 2"},
      {".a", "expected a key, found '.' at character 1"},
      {"a[", "expected an array index (digits) or a quoted key after '[' at character 2"},
      {"a[x]", "expected an array index (digits) or a quoted key after '[' at character 2"},
      {"a[1", "'[' never closed by ']' at character 2"},
      {"a[-1]", "expected an array index (digits) or a quoted key after '[' at character 2"},
      {"\"a", "quoted key never closed at character 1"},
      {"\"a\\n\"", "unknown escape '\\n' in a quoted key (only \\\" and \\\\) at character 3"},
      {"a]", "expected '.' or '[', found ']' at character 2"},
      {"\"a\"b", "expected '.' or '[', found 'b' at character 4"},
      {"[0]", "a path starts with a key (documents are objects), not an index at character 1"},
      {"a[1234567890123456789]", "array index too large at character 3"},
  };
  for (const auto& [text, error] : cases) {
    const JsonPathParse parsed = ParseJsonPath(text);
    EXPECT_FALSE(parsed.path) << text;
    EXPECT_EQ(parsed.error, error) << text;
  }
}

TEST(JsonPathTrie, FindsKeysInAnyOrderAndManyKeys) {
  std::vector<JsonPath> paths;
  for (int i = 0; i < 20; ++i) paths.push_back(JsonPath::Key("k" + std::to_string(i)));
  JsonPathTrie trie(paths);
  // Twice, so the second round goes through the position hints.
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < 20; ++i) {
      const uint32_t node = trie.FindKey(0, "k" + std::to_string(i), static_cast<size_t>(i));
      ASSERT_NE(node, JsonPathTrie::kNone);
      EXPECT_EQ(trie.node(node).columns, std::vector<uint32_t>{static_cast<uint32_t>(i)});
    }
    // Another order at the same positions.
    EXPECT_EQ(trie.node(trie.FindKey(0, "k7", 0)).columns, std::vector<uint32_t>{7});
    EXPECT_EQ(trie.FindKey(0, "nope", 1), JsonPathTrie::kNone);
  }
}

// What a path finds in a document, through the walker the source uses.
struct Lookup {
  Lookup(std::string d, std::string p, bool j, std::optional<std::string> v, std::string m = "")
      : document(std::move(d)),
        path(std::move(p)),
        json(j),
        value(std::move(v)),
        mismatch(std::move(m)) {}

  std::string document;
  std::string path;
  bool json = false;
  std::optional<std::string> value;  // nullopt: NULL
  std::string mismatch;              // the reason when the document does not fit the path
};

void Check(const Lookup& c) {
  const JsonPathParse parsed = ParseJsonPath(c.path);
  ASSERT_TRUE(parsed.path) << c.path;
  const std::vector<JsonColumnSpec> columns = {{"col", *parsed.path, c.json}};
  DocumentWalker walker(columns);
  simdjson::ondemand::parser parser;
  const simdjson::padded_string json(c.document);
  simdjson::ondemand::document doc = parser.iterate(json);
  ASSERT_TRUE(walker.Walk(doc.get_object(), json.data() + json.size())) << c.document;
  if (!c.mismatch.empty()) {
    ASSERT_TRUE(walker.mismatch()) << c.document << " " << c.path;
    EXPECT_EQ(walker.mismatch()->reason, c.mismatch) << c.document << " " << c.path;
    return;
  }
  EXPECT_FALSE(walker.mismatch()) << c.document << " " << c.path << ": "
                                  << walker.mismatch()->reason;
  const JsonSlot& slot = walker.slots()[0];
  const std::optional<std::string> got =
      slot.kind == JsonSlot::Kind::kText ? std::optional<std::string>(slot.text) : std::nullopt;
  EXPECT_EQ(got, c.value) << c.document << " " << c.path;
}

TEST(JsonPathLookup, FindsNestedValuesAndArrayElements) {
  const std::vector<Lookup> cases = {
      {R"({"customer":{"address":{"city":"Lyon"}}})", "customer.address.city", false, "Lyon"},
      {R"({"items":[{"sku":"A1"},{"sku":"B2"}]})", "items[0].sku", false, "A1"},
      {R"({"items":[{"sku":"A1"},{"sku":"B2"}]})", "items[1].sku", false, "B2"},
      {R"({"m":[[1,2],[3,4]]})", "m[1][0]", false, "3"},
      {R"({"a.b":5,"a":{"b":6}})", "\"a.b\"", false, "5"},
      {R"({"a.b":5,"a":{"b":6}})", "a.b", false, "6"},
      {R"({"k\"q":"x"})", "\"k\\\"q\"", false, "x"},
      {R"({"caf\u00e9":"yes"})", "café", false, "yes"},
      {R"({"a":1,"a":2})", "a", false, "2"},  // the last of duplicate keys wins
  };
  for (const Lookup& c : cases) Check(c);
}

TEST(JsonPathLookup, MissingFieldsAndMissingIntermediatesAreNull) {
  const std::vector<Lookup> cases = {
      {R"({"b":1})", "a", false, std::nullopt},
      {R"({"a":null})", "a", false, std::nullopt},
      {R"({"b":1})", "a.b.c", false, std::nullopt},
      {R"({"a":null})", "a.b.c", false, std::nullopt},
      {R"({"a":{}})", "a.b.c", false, std::nullopt},
      {R"({"a":[]})", "a[0]", false, std::nullopt},
      {R"({"a":[1]})", "a[3]", false, std::nullopt},
      {R"({"a":null})", "a", true, std::nullopt},
  };
  for (const Lookup& c : cases) Check(c);
}

TEST(JsonPathLookup, RefusesAContainerWhereAScalarIsExpectedAndTheReverse) {
  const std::vector<Lookup> cases = {
      {R"({"a":{"b":1}})",
       "a",
       false,
       {},
       "a is an object, not a scalar (declare the column json: true to keep it as JSON text)"},
      {R"({"a":[1]})",
       "a",
       false,
       {},
       "a is an array, not a scalar (declare the column json: true to keep it as JSON text)"},
      {R"({"a":"x"})", "a.b", false, {}, "a is a string, expected an object (for a.b)"},
      {R"({"a":{"b":7}})", "a.b.c", false, {}, "a.b is a number, expected an object (for a.b.c)"},
      {R"({"a":{"0":1}})", "a[0]", false, {}, "a is an object, expected an array (for a[0])"},
      {R"({"a":[1]})", "a.x", false, {}, "a is an array, expected an object (for a.x)"},
      {R"({"a":true})", "a[0]", false, {}, "a is a boolean, expected an array (for a[0])"},
  };
  for (const Lookup& c : cases) Check(c);
}

TEST(JsonPathLookup, JsonColumnsGetMinifiedJsonForEveryValue) {
  const std::vector<Lookup> cases = {
      {R"({"o": { "b" : [ 1 , 2.50 , {"c" : "x"} ] , "d":"caf\u00e9", "e":null }})", "o", true,
       R"({"b":[1,2.50,{"c":"x"}],"d":"café","e":null})"},
      {R"({"o":[]})", "o", true, "[]"},
      {R"({"o":{}})", "o", true, "{}"},
      {R"({"o":"say \"hi\""})", "o", true, R"("say \"hi\"")"},
      {R"({"o":12345678901234567890123})", "o", true, "12345678901234567890123"},
      {R"({"o":false})", "o", true, "false"},
      {R"({"o":{"k\n":"\t"}})", "o", true, R"({"k\n":"\t"})"},
      {R"({"o":{"p":{"q":[1]}}})", "o.p", true, R"({"q":[1]})"},
  };
  for (const Lookup& c : cases) Check(c);
}

}  // namespace
}  // namespace sluice
