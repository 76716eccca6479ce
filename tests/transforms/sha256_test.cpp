// SHA-256 against the FIPS 180-4 example vectors and sha256sum at the padding boundaries.
#include "transforms/sha256.h"

#include <gtest/gtest.h>

#include <string>

namespace sluice {
namespace {

std::string HexOf(std::string_view data) {
  Sha256 sha;
  sha.Update(data);
  char hex[64];
  Sha256::ToHex(sha.Finish(), hex);
  return std::string(hex, 64);
}

TEST(Sha256, MatchesTheFips180Vectors) {
  EXPECT_EQ(HexOf("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(HexOf(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(HexOf("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(HexOf("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnop"
                  "qklmnopqrlmnopqrsmnopqrstnopqrstu"),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  EXPECT_EQ(HexOf(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, PadsCorrectlyAroundTheBlockBoundaries) {
  // From `printf "%${n}s" | tr ' ' a | sha256sum`.
  const std::pair<size_t, const char*> cases[] = {
      {55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
      {56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
      {63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"},
      {64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
      {65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"},
      {119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"},
      {120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"},
      {128, "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e"},
  };
  for (const auto& [length, hex] : cases) {
    EXPECT_EQ(HexOf(std::string(length, 'a')), hex) << length << " bytes";
  }
}

TEST(Sha256, GivesTheSameDigestWhateverTheUpdateSplit) {
  const std::string message(200, 'a');
  const std::string whole = HexOf(message);
  for (size_t split = 0; split <= message.size(); ++split) {
    Sha256 sha;
    sha.Update(std::string_view(message).substr(0, split));
    sha.Update(std::string_view(message).substr(split));
    char hex[64];
    Sha256::ToHex(sha.Finish(), hex);
    EXPECT_EQ(std::string(hex, 64), whole) << "split at " << split;
  }
}

TEST(Sha256, ContinuesFromACopiedState) {
  Sha256 prefix;
  prefix.Update("abcdbcdecdefdefgefghfghighijhijk");
  Sha256 copy = prefix;
  copy.Update("ijkljklmklmnlmnomnopnopq");
  char hex[64];
  Sha256::ToHex(copy.Finish(), hex);
  EXPECT_EQ(std::string(hex, 64),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

}  // namespace
}  // namespace sluice
