// Pins the phone normalizer and the `phone` transform: exact outputs and exact reasons, and the
// fast path held byte-identical to libphonenumber on a large generated corpus.
#include "transforms/phone_normalizer.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "pipeline/errors.h"
#include "transforms/registry.h"

namespace sluice {

void RegisterPhoneTransform(TransformRegistry& registry);

namespace {

struct PhoneCase {
  std::string input;
  std::string expected;  // "ok: <output>" or "invalid: <reason>"
};

std::string Describe(const PhoneNormalizer& normalizer, std::string_view input) {
  std::string out;
  std::string reason;
  if (normalizer.Normalize(input, out, reason)) return "ok: " + out;
  return "invalid: " + reason;
}

PhoneOptions MakeOptions(std::string region, PhoneFormat format, bool keep_extension = true) {
  PhoneOptions options;
  options.region = std::move(region);
  options.format = format;
  options.keep_extension = keep_extension;
  return options;
}

// Every case runs twice, fast path on and off: both must give exactly the expected answer.
void ExpectCases(const PhoneOptions& options, const std::vector<PhoneCase>& cases) {
  PhoneOptions fast_options = options;
  fast_options.fast_path = true;
  PhoneOptions library_options = options;
  library_options.fast_path = false;
  const PhoneNormalizer fast(fast_options);
  const PhoneNormalizer library(library_options);
  for (const auto& c : cases) {
    EXPECT_EQ(Describe(fast, c.input), c.expected) << "input '" << c.input << "', fast path on";
    EXPECT_EQ(Describe(library, c.input), c.expected) << "input '" << c.input << "', library only";
  }
}

TEST(PhoneNormalizer, ReadsTheCommonUsShapes) {
  ExpectCases(MakeOptions("US", PhoneFormat::kNational),
              {
                  {"(212) 555-0123", "ok: (212) 555-0123"},
                  {"212-555-0123", "ok: (212) 555-0123"},
                  {"212.555.0123", "ok: (212) 555-0123"},
                  {"212 555 0123", "ok: (212) 555-0123"},
                  {"2125550123", "ok: (212) 555-0123"},
                  {"(212)555-0123", "ok: (212) 555-0123"},
                  {"212 - 555 - 0123", "ok: (212) 555-0123"},
                  {"[212] 555-0123", "ok: (212) 555-0123"},
                  {"212/555-0123", "ok: (212) 555-0123"},
                  {"  212-555-0123  ", "ok: (212) 555-0123"},
                  {"Tel: 212-555-0123", "ok: (212) 555-0123"},
                  {"phone: (212) 555-0123.", "ok: (212) 555-0123"},
              });
}

TEST(PhoneNormalizer, StripsTrunkPrefixAndCountryCode) {
  ExpectCases(MakeOptions("US", PhoneFormat::kNational),
              {
                  {"1-212-555-0123", "ok: (212) 555-0123"},
                  {"1 (212) 555-0123", "ok: (212) 555-0123"},
                  {"12125550123", "ok: (212) 555-0123"},
                  {"1.212.555.0123", "ok: (212) 555-0123"},
                  {"+1 212 555 0123", "ok: (212) 555-0123"},
                  {"+1-212-555-0123", "ok: (212) 555-0123"},
                  {"+1 (212) 555-0123", "ok: (212) 555-0123"},
                  {"+12125550123", "ok: (212) 555-0123"},
                  {"+1.212.555.0123", "ok: (212) 555-0123"},
                  {"+ 1 212 555 0123", "ok: (212) 555-0123"},
                  {"011 1 212 555 0123", "ok: (212) 555-0123"},
              });
}

TEST(PhoneNormalizer, WritesEachFormat) {
  const std::string input = "1 (212) 555-0123";
  ExpectCases(MakeOptions("US", PhoneFormat::kE164), {{input, "ok: +12125550123"}});
  ExpectCases(MakeOptions("US", PhoneFormat::kInternational), {{input, "ok: +1 212-555-0123"}});
  ExpectCases(MakeOptions("US", PhoneFormat::kNational), {{input, "ok: (212) 555-0123"}});
  ExpectCases(MakeOptions("US", PhoneFormat::kRfc3966), {{input, "ok: tel:+1-212-555-0123"}});
  const std::string london = "+44 20 7946 0958";
  ExpectCases(MakeOptions("US", PhoneFormat::kE164), {{london, "ok: +442079460958"}});
  ExpectCases(MakeOptions("US", PhoneFormat::kInternational), {{london, "ok: +44 20 7946 0958"}});
  ExpectCases(MakeOptions("US", PhoneFormat::kRfc3966), {{london, "ok: tel:+44-20-7946-0958"}});
  ExpectCases(MakeOptions("GB", PhoneFormat::kNational), {{london, "ok: 020 7946 0958"}});
}

TEST(PhoneNormalizer, WritesForeignNumbersInternationallyInANationalColumn) {
  ExpectCases(MakeOptions("US", PhoneFormat::kNational),
              {
                  {"+44 20 7946 0958", "ok: +44 20 7946 0958"},
                  {"011 44 20 7946 0958", "ok: +44 20 7946 0958"},
                  {"+49 30 901820", "ok: +49 30 901820"},
                  {"+81 3-3224-5000", "ok: +81 3-3224-5000"},
                  {"+800 1234 5678", "ok: +800 1234 5678"},
              });
  ExpectCases(MakeOptions("GB", PhoneFormat::kNational),
              {{"+1 212 555 0123", "ok: +1 212-555-0123"}});
}

TEST(PhoneNormalizer, ReadsEveryExtensionLabel) {
  ExpectCases(MakeOptions("US", PhoneFormat::kNational),
              {
                  {"212-555-0123 x45", "ok: (212) 555-0123 ext. 45"},
                  {"212-555-0123x45", "ok: (212) 555-0123 ext. 45"},
                  {"212-555-0123 X45", "ok: (212) 555-0123 ext. 45"},
                  {"212-555-0123 ext. 45", "ok: (212) 555-0123 ext. 45"},
                  {"212-555-0123 ext 45", "ok: (212) 555-0123 ext. 45"},
                  {"212-555-0123 Ext.45", "ok: (212) 555-0123 ext. 45"},
                  {"212-555-0123 EXT: 45", "ok: (212) 555-0123 ext. 45"},
                  {"212-555-0123 #45", "ok: (212) 555-0123 ext. 45"},
                  {"212-555-0123 extension 45", "ok: (212) 555-0123 ext. 45"},
                  {"212-555-0123;ext=45", "ok: (212) 555-0123 ext. 45"},
                  {"212-555-0123,,45", "ok: (212) 555-0123 ext. 45"},
                  {"212-555-0123 - 503#", "ok: (212) 555-0123 ext. 503"},
                  {"212-555-0123 ext. 12345678901234567890",
                   "ok: (212) 555-0123 ext. 12345678901234567890"},
                  // Nine digits at most after a bare "x": the tenth makes it part of the number.
                  {"212-555-0123 x1234567890", "invalid: too many digits for a phone number"},
              });
}

TEST(PhoneNormalizer, KeepsExtensionsInEveryFormat) {
  const std::string input = "(212) 555-0123 ext. 45";
  ExpectCases(MakeOptions("US", PhoneFormat::kE164), {{input, "ok: +12125550123;ext=45"}});
  ExpectCases(MakeOptions("US", PhoneFormat::kInternational),
              {{input, "ok: +1 212-555-0123 ext. 45"}});
  ExpectCases(MakeOptions("US", PhoneFormat::kNational), {{input, "ok: (212) 555-0123 ext. 45"}});
  ExpectCases(MakeOptions("US", PhoneFormat::kRfc3966),
              {{input, "ok: tel:+1-212-555-0123;ext=45"}});
  ExpectCases(MakeOptions("US", PhoneFormat::kRfc3966),
              {
                  {"2125550123x7", "ok: tel:+1-212-555-0123;ext=7"},
                  {"+1 212 555 0123 #99", "ok: tel:+1-212-555-0123;ext=99"},
                  {"+44 20 7946 0958 ext 3", "ok: tel:+44-20-7946-0958;ext=3"},
              });
  ExpectCases(MakeOptions("GB", PhoneFormat::kNational),
              {{"020 7946 0958 x 7", "ok: 020 7946 0958 x7"}});
  ExpectCases(MakeOptions("GB", PhoneFormat::kE164),
              {{"020 7946 0958 ext. 12", "ok: +442079460958;ext=12"}});
}

TEST(PhoneNormalizer, DropsExtensionsWhenAsked) {
  const bool drop = false;
  ExpectCases(MakeOptions("US", PhoneFormat::kE164, drop),
              {
                  {"(212) 555-0123 ext. 45", "ok: +12125550123"},
                  {"2125550123x7", "ok: +12125550123"},
                  {"+44 20 7946 0958 ext 3", "ok: +442079460958"},
              });
  ExpectCases(MakeOptions("US", PhoneFormat::kNational, drop),
              {
                  {"212-555-0123 #45", "ok: (212) 555-0123"},
                  {"212-555-0123;ext=45", "ok: (212) 555-0123"},
              });
  ExpectCases(MakeOptions("US", PhoneFormat::kInternational, drop),
              {{"212.555.0123 x9", "ok: +1 212-555-0123"}});
  ExpectCases(MakeOptions("US", PhoneFormat::kRfc3966, drop),
              {{"212.555.0123 ext 9", "ok: tel:+1-212-555-0123"}});
  ExpectCases(MakeOptions("DE", PhoneFormat::kE164, drop),
              {
                  {"0151 23456789 ext. 9", "ok: +4915123456789"},
                  {"030 901820 #5", "ok: +4930901820"},
              });
}

TEST(PhoneNormalizer, ConvertsVanityLetters) {
  ExpectCases(MakeOptions("US", PhoneFormat::kNational),
              {
                  {"1-800-FLOWERS", "ok: (800) 356-9377"},
                  {"1-800-flowers", "ok: (800) 356-9377"},
                  {"800-GOT-JUNK", "ok: (800) 468-5865"},
                  {"1 800 CALL ATT", "ok: (800) 225-5288"},
                  {"+1-800-FLOWERS", "ok: (800) 356-9377"},
              });
}

TEST(PhoneNormalizer, AcceptsTheWholeNorthAmericanPlan) {
  ExpectCases(MakeOptions("US", PhoneFormat::kE164),
              {
                  {"(416) 555-0123", "ok: +14165550123"},   // Canada
                  {"+1 876 555 0123", "ok: +18765550123"},  // Jamaica
                  {"787-555-0123", "ok: +17875550123"},     // Puerto Rico
                  {"+1 268 464 1234", "ok: +12684641234"},  // Antigua
                  {"505-644-1234", "ok: +15056441234"},     // the one 505 exchange in 64x
                  {"310-1234", "ok: +13101234"},            // a Canadian seven-digit UAN
              });
  ExpectCases(MakeOptions("CA", PhoneFormat::kNational),
              {
                  {"416.555.0123", "ok: (416) 555-0123"},
                  {"1 604 555 0123", "ok: (604) 555-0123"},
                  {"212-555-0123", "ok: (212) 555-0123"},
                  {"555-0123", "invalid: missing area code for a CA number"},
                  {"310 1234 x5", "ok: 310-1234 ext. 5"},
                  {"123-456-7890", "invalid: not a valid number for region CA"},
              });
}

TEST(PhoneNormalizer, NormalizesGbNumbers) {
  ExpectCases(MakeOptions("GB", PhoneFormat::kE164),
              {
                  {"020 7946 0958", "ok: +442079460958"},
                  {"(020) 7946 0958", "ok: +442079460958"},
                  {"+44 20 7946 0958", "ok: +442079460958"},
                  {"0044 20 7946 0958", "ok: +442079460958"},
                  {"+44 (0) 20 7946 0958", "ok: +442079460958"},
                  {"44 20 7946 0958", "ok: +442079460958"},
                  {"0800 123 4567", "ok: +448001234567"},
                  {"+1 212 555 0123", "ok: +12125550123"},
                  {"020 7946 095", "invalid: not a valid number for region GB"},
                  {"020 7946 09581", "invalid: too many digits for a GB number"},
                  // Ofcom's ranges for drama are not real numbers.
                  {"07700 900123", "invalid: not a valid number for region GB"},
                  {"01632 960123", "invalid: not a valid number for region GB"},
                  {"212-555-0123", "invalid: not a valid number for region GB"},
              });
  ExpectCases(MakeOptions("GB", PhoneFormat::kNational),
              {
                  {"07911 123456", "ok: 07911 123456"},
                  {"+44 7911 123456", "ok: 07911 123456"},
                  {"0207 946 0958", "ok: 020 7946 0958"},
                  {"02079460958", "ok: 020 7946 0958"},
              });
}

TEST(PhoneNormalizer, NormalizesDeNumbers) {
  ExpectCases(MakeOptions("DE", PhoneFormat::kInternational),
              {
                  {"030 901820", "ok: +49 30 901820"},
                  {"030 90182012", "ok: +49 30 90182012"},
                  {"(030) 901820", "ok: +49 30 901820"},
                  {"+49 30 901820", "ok: +49 30 901820"},
                  {"0049 30 901820", "ok: +49 30 901820"},
                  {"0151 23456789", "ok: +49 1512 3456789"},
                  {"0151-2345 6789", "ok: +49 1512 3456789"},
                  {"+49 151 23456789", "ok: +49 1512 3456789"},
                  {"089 1234567", "ok: +49 89 1234567"},
                  {"0800 1234567", "ok: +49 800 1234567"},
                  {"+49 30 901820 x12", "ok: +49 30 901820 ext. 12"},
                  {"00 1 212 555 0123", "ok: +1 212-555-0123"},
                  {"030 1", "invalid: not a valid number for region DE"},
              });
}

TEST(PhoneNormalizer, ExplainsWhyANumberIsInvalid) {
  ExpectCases(MakeOptions("US", PhoneFormat::kE164),
              {
                  {"555-0123", "invalid: missing area code for a US number"},
                  {"12", "invalid: too few digits for a US number"},
                  {"911", "invalid: too few digits for a US number"},
                  {"212-555-012", "invalid: too few digits for a US number"},
                  {"212-555-01234", "invalid: too many digits for a US number"},
                  {"212-555-0123-4567", "invalid: too many digits for a US number"},
                  {"001 212 555 0123", "invalid: too many digits for a US number"},
                  {"123-456-7890", "invalid: not a valid number for region US"},
                  {"212-055-0123", "invalid: not a valid number for region US"},
                  {"212-155-0123", "invalid: not a valid number for region US"},
                  {"411-555-0123", "invalid: not a valid number for region US"},
                  {"999-555-0123", "invalid: not a valid number for region US"},
                  {"555-555-0123", "invalid: not a valid number for region US"},
                  {"800-155-0123", "invalid: not a valid number for region US"},
                  {"505-645-1234", "invalid: not a valid number for region US"},
                  {"+1 212 055 0123", "invalid: not a valid number for region US"},
                  {"0000000000", "invalid: not a valid number for region US"},
                  {"hello", "invalid: not a phone number"},
                  {"---", "invalid: not a phone number"},
                  {"n/a", "invalid: not a phone number"},
                  {"+1", "invalid: not a phone number"},
                  {"+44", "invalid: not a phone number"},
                  {"+999 1234 5678", "invalid: unknown country calling code"},
                  {"1234567890123456789", "invalid: too many digits for a phone number"},
              });
  ExpectCases(MakeOptions("DE", PhoneFormat::kE164),
              {{"01 2345", "invalid: not a valid number for region DE"}});
}

TEST(PhoneNormalizer, CallsBlankValuesEmpty) {
  ExpectCases(MakeOptions("US", PhoneFormat::kE164), {
                                                         {"", "invalid: empty value"},
                                                         {" ", "invalid: empty value"},
                                                         {"\t \r\n", "invalid: empty value"},
                                                     });
}

TEST(PhoneNormalizer, RefusesARegionTheLibraryDoesNotKnow) {
  EXPECT_TRUE(PhoneNormalizer::IsSupportedRegion("US"));
  EXPECT_TRUE(PhoneNormalizer::IsSupportedRegion("DE"));
  EXPECT_FALSE(PhoneNormalizer::IsSupportedRegion("XX"));
  EXPECT_FALSE(PhoneNormalizer::IsSupportedRegion("us"));
  EXPECT_THROW(PhoneNormalizer(MakeOptions("XX", PhoneFormat::kE164)), std::invalid_argument);
}

TEST(PhoneNormalizer, UsesTheFastPathOnlyForUsAndCanada) {
  EXPECT_TRUE(PhoneNormalizer(MakeOptions("US", PhoneFormat::kE164)).UsesFastPath());
  EXPECT_TRUE(PhoneNormalizer(MakeOptions("CA", PhoneFormat::kE164)).UsesFastPath());
  EXPECT_FALSE(PhoneNormalizer(MakeOptions("JM", PhoneFormat::kE164)).UsesFastPath());
  EXPECT_FALSE(PhoneNormalizer(MakeOptions("GB", PhoneFormat::kE164)).UsesFastPath());
  PhoneOptions off = MakeOptions("US", PhoneFormat::kE164);
  off.fast_path = false;
  EXPECT_FALSE(PhoneNormalizer(off).UsesFastPath());
}

TEST(PhoneNormalizer, FastPathCoversTheCommonShapes) {
  const PhoneNormalizer normalizer(MakeOptions("US", PhoneFormat::kNational));
  for (const char* covered :
       {"(212) 555-0123", "212-555-0123", "212.555.0123", "2125550123", "1-212-555-0123",
        "+1 212 555 0123", "+12125550123", "212-555-0123 x45", "212-555-0123 ext. 45",
        "212-555-0123 #45", "212-055-0123", "555-0123", "911", "212-555-01234", "n/a",
        "1-800-FLOWERS", "800-GOT-JUNK", "000-000-0000"}) {
    EXPECT_TRUE(normalizer.FastPathCovers(covered)) << covered;
  }
  for (const char* library : {"1-800-PIZZA-42", "1-800-FLOWERS x12", "+44 20 7946 0958",
                              "Tel: 212-555-0123", "212-555-0123;ext=45", "123-456-7890",
                              "011 1 212 555 0123", "310-1234", "12", "212-555-0123 x1234567890"}) {
    EXPECT_FALSE(normalizer.FastPathCovers(library)) << library;
  }
}

// A deterministic mix of the shapes phone columns hold, good and bad, including near misses of
// every rule the fast path relies on (extension limits, trunk prefixes, 0/1-leading numbers,
// area codes whose validity depends on the exchange).
class PhoneCorpus {
 public:
  explicit PhoneCorpus(uint64_t seed) : state_(seed) {}

  std::string Next() {
    if (Pick(20) == 0) return Garbage();
    std::string digits = NationalNumber();
    std::string text = Prefix() + Layout(digits) + Extension();
    if (Pick(12) == 0) text = Vanity(text);
    if (Pick(15) == 0) text = Noise(text);
    return text;
  }

 private:
  uint64_t Rand() {  // splitmix64: the same sequence on every platform
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  size_t Pick(size_t n) { return static_cast<size_t>(Rand() % n); }
  template <typename T, size_t N>
  const T& OneOf(const T (&items)[N]) {
    return items[Pick(N)];
  }
  std::string RandomDigits(int n, char first_min = '0') {
    std::string s;
    for (int i = 0; i < n; ++i) {
      char lo = i == 0 ? first_min : '0';
      s.push_back(static_cast<char>(lo + Pick(static_cast<size_t>('9' - lo + 1))));
    }
    return s;
  }

  std::string NationalNumber() {
    static const char* const kAreaCodes[] = {
        "212", "415", "305", "646", "718", "312", "202", "617", "206", "505", "523", "524",
        "800", "888", "877", "900", "416", "604", "204", "876", "787", "809", "829", "268",
        "441", "345", "671", "670", "684", "340", "664", "721", "649", "868", "784", "284",
        "767", "869", "758", "473", "242", "246", "264", "658", "939", "622", "600", "500",
        "533", "211", "411", "911", "555", "456", "370", "959", "310"};
    static const char* const kDeepPrefixes[] = {"505644", "505645", "505604", "52355", "52452",
                                                "524494", "52492",  "5246",   "8001",  "8091",
                                                "52341",  "52431",  "3101",   "6581"};
    std::string nsn;
    switch (Pick(8)) {
      case 0:
        nsn = RandomDigits(10, '2');
        break;
      case 1:
        nsn = RandomDigits(10);
        break;
      case 2: {
        std::string prefix = OneOf(kDeepPrefixes);
        nsn = prefix + RandomDigits(10 - static_cast<int>(prefix.size()));
        break;
      }
      default:
        nsn = std::string(OneOf(kAreaCodes)) + RandomDigits(7);
        break;
    }
    switch (Pick(16)) {
      case 0:
        return nsn.substr(3);  // local number, no area code
      case 1:
        return nsn.substr(0, 9);
      case 2:
        return nsn + RandomDigits(1);
      case 3:
        return nsn.substr(0, 1 + Pick(6));
      default:
        return nsn;
    }
  }

  std::string Prefix() {
    static const char* const kPrefixes[] = {"",     "",       "",     "",     "1",    "1-",
                                            "1 ",   "+1",     "+1 ",  "+1-",  "+ 1 ", "+1 (",
                                            "001 ", "011 1 ", "011 ", "+44 ", "0",    "+"};
    return Pick(3) == 0 ? OneOf(kPrefixes) : "";
  }

  std::string Layout(const std::string& d) {
    static const char* const kSeparators[] = {"", " ", "-", ".", " - ", "  ", "/", ")"};
    if (d.size() != 10 || Pick(5) == 0) {
      std::string out;
      for (char c : d) {
        out.push_back(c);
        if (Pick(4) == 0) out += OneOf(kSeparators);
      }
      return out;
    }
    std::string a = d.substr(0, 3), e = d.substr(3, 3), l = d.substr(6);
    switch (Pick(6)) {
      case 0:
        return d;
      case 1:
        return "(" + a + ") " + e + "-" + l;
      case 2:
        return "(" + a + ")" + e + "-" + l;
      default: {
        std::string sep = OneOf(kSeparators);
        return a + sep + e + sep + l;
      }
    }
  }

  std::string Extension() {
    static const char* const kLabels[] = {" x",     "x",   " X",    " ext. ",      " ext ", "ext.",
                                          " EXT: ", " #",  "#",     " extension ", ";ext=", ",,",
                                          " - ",    " x ", " ext",  " Ext:",       " x.",   "  x  ",
                                          " e",     ",",   " int ", " ~"};
    if (Pick(4) != 0) return "";
    std::string ext = std::string(OneOf(kLabels)) + RandomDigits(static_cast<int>(Pick(23)));
    if (Pick(6) == 0) ext += "#";
    return ext;
  }

  std::string Vanity(std::string text) {
    static const char kLetters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    size_t changes = 1 + Pick(7);
    for (size_t i = text.size(); i-- > 0 && changes > 0;) {
      if (text[i] >= '0' && text[i] <= '9' && Pick(2) == 0) {
        text[i] = kLetters[Pick(sizeof(kLetters) - 1)];
        --changes;
      }
    }
    return text;
  }

  std::string Noise(std::string text) {
    static const char* const kNoise[] = {
        " ", "Tel: ", ".", "\xEF\xBC\x8B", "\xEF\xBC\x91", "\xC2\xA0",
        "*", ";",     "(", "  ",           "\t",           "a"};
    size_t at = Pick(text.size() + 1);
    return text.insert(at, OneOf(kNoise));
  }

  std::string Garbage() {
    static const char kAlphabet[] = "0123456789+-.() x#;,=/:extEXTabc";
    std::string s;
    size_t n = Pick(24);
    for (size_t i = 0; i < n; ++i) s.push_back(kAlphabet[Pick(sizeof(kAlphabet) - 1)]);
    return s;
  }

  uint64_t state_;
};

TEST(PhoneNormalizer, FastPathMatchesTheLibraryOnAGeneratedCorpus) {
  constexpr int kValues = 200000;
  struct Pair {
    PhoneNormalizer fast;
    PhoneNormalizer library;
  };
  std::vector<Pair> pairs;
  for (const char* region : {"US", "CA"}) {
    for (PhoneFormat format : {PhoneFormat::kE164, PhoneFormat::kInternational,
                               PhoneFormat::kNational, PhoneFormat::kRfc3966}) {
      for (bool keep : {true, false}) {
        PhoneOptions library = MakeOptions(region, format, keep);
        library.fast_path = false;
        pairs.push_back(
            {PhoneNormalizer(MakeOptions(region, format, keep)), PhoneNormalizer(library)});
      }
    }
  }
  PhoneCorpus corpus(20240601);
  int covered_valid = 0;
  int covered_invalid = 0;
  int mismatches = 0;
  for (int i = 0; i < kValues; ++i) {
    std::string value = corpus.Next();
    const Pair& pair = pairs[static_cast<size_t>(i) % pairs.size()];
    // A value the fast path does not cover goes through the very code of the library-only
    // normalizer, so only covered values need the (expensive) second opinion.
    if (!pair.fast.FastPathCovers(value)) continue;
    std::string fast = Describe(pair.fast, value);
    std::string library = Describe(pair.library, value);
    if (fast != library && ++mismatches <= 20) {
      ADD_FAILURE() << "input '" << value << "' (options #" << i % pairs.size() << "): fast path '"
                    << fast << "', library '" << library << "'";
    }
    ++(fast.rfind("ok: ", 0) == 0 ? covered_valid : covered_invalid);
  }
  std::printf("fast path covered %d valid and %d invalid of %d values\n", covered_valid,
              covered_invalid, kValues);
  EXPECT_EQ(mismatches, 0);
  // The comparison means something only if the fast path decided a good share of both kinds.
  EXPECT_GT(covered_valid, kValues / 10);
  EXPECT_GT(covered_invalid, kValues / 10);
}

TEST(PhoneNormalizer, GivesTheSameAnswersFromManyThreads) {
  const PhoneNormalizer normalizer(MakeOptions("US", PhoneFormat::kNational));
  PhoneCorpus corpus(7);
  std::vector<std::string> values;
  for (int i = 0; i < 4000; ++i) values.push_back(corpus.Next());
  std::vector<std::string> expected;
  for (const auto& v : values) expected.push_back(Describe(normalizer, v));

  constexpr int kThreads = 4;
  std::vector<std::vector<std::string>> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (const auto& v : values) got[t].push_back(Describe(normalizer, v));
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(got[t], expected) << "thread " << t;
}

TEST(ParsePhoneFormat, ReadsEveryFormatName) {
  EXPECT_EQ(ParsePhoneFormat("e164"), PhoneFormat::kE164);
  EXPECT_EQ(ParsePhoneFormat("international"), PhoneFormat::kInternational);
  EXPECT_EQ(ParsePhoneFormat("national"), PhoneFormat::kNational);
  EXPECT_EQ(ParsePhoneFormat("rfc3966"), PhoneFormat::kRfc3966);
  EXPECT_EQ(ParsePhoneFormat("E164"), PhoneFormat::kE164);
  EXPECT_EQ(ParsePhoneFormat("local"), std::nullopt);
}

// ---------------------------------------------------------------------------------------------
// The transform, built the way a job builds it.

sluice::Options JobOptions(const std::vector<std::pair<std::string, std::string>>& values) {
  sluice::Options options;
  options.where = "job.yaml:12:7";
  int column = 16;
  for (const auto& [key, value] : values) {
    OptionValue option;
    option.items = {value};
    option.where = "job.yaml:12:" + std::to_string(column);
    column += 20;
    options.values[key] = option;
  }
  return options;
}

ValueTransformPtr MakePhone(const std::vector<std::pair<std::string, std::string>>& values) {
  TransformRegistry registry;
  RegisterPhoneTransform(registry);
  return registry.Create("phone", JobOptions(values));
}

std::string ConfigErrorOf(const std::vector<std::pair<std::string, std::string>>& values) {
  try {
    MakePhone(values);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

TEST(PhoneTransform, NormalizesIntoScratch) {
  auto phone = MakePhone({{"region", "US"}, {"format", "national"}, {"extension", "keep"}});
  ASSERT_EQ(phone->Name(), "phone");
  EXPECT_FALSE(phone->AcceptsNull());
  std::string scratch;
  ValueOutcome outcome = phone->Apply(Value{"+1 212.555.0123 x9"}, scratch);
  ASSERT_EQ(outcome.kind, ValueOutcome::kOk);
  EXPECT_EQ(outcome.value, "(212) 555-0123 ext. 9");
  EXPECT_EQ(outcome.value.data(), scratch.data());
}

TEST(PhoneTransform, DefaultsToE164WithExtensionsKept) {
  auto phone = MakePhone({});
  std::string scratch;
  EXPECT_EQ(phone->Apply(Value{"(212) 555-0123 ext. 45"}, scratch).value, "+12125550123;ext=45");
  EXPECT_EQ(phone->on_invalid, InvalidPolicy::kReject);
}

TEST(PhoneTransform, ReportsInvalidValuesWithTheirReason) {
  auto phone = MakePhone({{"region", "GB"}, {"extension", "drop"}});
  std::string scratch;
  const std::vector<PhoneCase> cases = {
      {"020 7946 0958 x12", "ok: +442079460958"},
      {"020 7946 095", "invalid: not a valid number for region GB"},
      {"   ", "invalid: empty value"},
      {"not known", "invalid: not a phone number"},
  };
  for (const auto& c : cases) {
    ValueOutcome outcome = phone->Apply(Value{c.input}, scratch);
    std::string got = outcome.kind == ValueOutcome::kOk ? "ok: " + std::string(outcome.value)
                                                        : "invalid: " + outcome.reason;
    EXPECT_EQ(outcome.kind == ValueOutcome::kNull, false) << c.input;
    EXPECT_EQ(got, c.expected) << c.input;
  }
}

TEST(PhoneTransform, TakesItsInvalidPolicyFromTheOptions) {
  const std::vector<std::pair<std::string, InvalidPolicy>> cases = {
      {"reject", InvalidPolicy::kReject},
      {"null", InvalidPolicy::kNull},
      {"keep", InvalidPolicy::kKeep},
      {"fail", InvalidPolicy::kFail},
  };
  for (const auto& [name, policy] : cases) {
    auto phone = MakePhone({{"on_invalid", name}});
    EXPECT_EQ(phone->on_invalid, policy) << name;
    std::string scratch;
    ValueOutcome outcome = phone->Apply(Value{"212-555-012"}, scratch);
    EXPECT_EQ(outcome.kind, ValueOutcome::kInvalid) << name;
    EXPECT_EQ(outcome.reason, "too few digits for a US number") << name;
  }
}

TEST(PhoneTransform, ReadsTheRegionInAnyCase) {
  auto phone = MakePhone({{"region", "de"}, {"format", "international"}});
  std::string scratch;
  EXPECT_EQ(phone->Apply(Value{"030 901820"}, scratch).value, "+49 30 901820");
}

TEST(PhoneTransform, CanRunWithoutTheFastPath) {
  auto phone = MakePhone({{"format", "national"}, {"fast_path", "false"}});
  std::string scratch;
  EXPECT_EQ(phone->Apply(Value{"212.555.0123"}, scratch).value, "(212) 555-0123");
}

TEST(PhoneTransform, PointsAtTheOffendingOption) {
  EXPECT_EQ(ConfigErrorOf({{"region", "XX"}}),
            "job.yaml:12:16: phone region 'XX' is not a region libphonenumber knows (use a "
            "two-letter code such as US, GB or DE)");
  EXPECT_EQ(ConfigErrorOf({{"region", "US"}, {"format", "local"}}),
            "job.yaml:12:36: phone format must be e164, international, national or rfc3966, got "
            "'local'");
  EXPECT_EQ(ConfigErrorOf({{"extension", "strip"}}),
            "job.yaml:12:16: phone extension must be keep or drop, got 'strip'");
  EXPECT_EQ(ConfigErrorOf({{"on_invalid", "ignore"}}),
            "job.yaml:12:16: on_invalid must be reject, null, keep or fail, got 'ignore'");
  EXPECT_EQ(ConfigErrorOf({{"fast_path", "maybe"}}),
            "job.yaml:12:16: option 'fast_path' must be true or false, got 'maybe'");
  EXPECT_EQ(ConfigErrorOf({{"regoin", "US"}}),
            "job.yaml:12:16: unknown option 'regoin' for phone (known: region, format, extension, "
            "on_invalid, fast_path)");
}

}  // namespace
}  // namespace sluice
