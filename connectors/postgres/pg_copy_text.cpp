// DecodeCopyText: memchr to the next backslash, a block copy up to it, then the escape.
#include "connectors/postgres/pg_copy_text.h"

#include <cstring>

namespace sluice {
namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsOctal(char c) { return c >= '0' && c <= '7'; }

// The byte a one-letter escape stands for; the letter itself for any other byte.
char Escaped(char c) {
  switch (c) {
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    case 'v':
      return '\v';
    default:
      return c;
  }
}

}  // namespace

size_t DecodeCopyText(const char* in, const char* end, char* out) {
  char* o = out;
  while (in < end) {
    const char* slash = static_cast<const char*>(std::memchr(in, '\\', end - in));
    const char* stop = slash ? slash : end;
    if (o != in) std::memmove(o, in, stop - in);  // in place, nothing moves until an escape
    o += stop - in;
    if (!slash) break;
    in = slash + 1;
    if (in == end) {
      *o++ = '\\';  // a lone trailing backslash: PostgreSQL never sends one; keep it
      break;
    }
    const char c = *in++;
    if (IsOctal(c)) {
      int v = c - '0';
      for (int i = 0; i < 2 && in < end && IsOctal(*in); ++i) v = v * 8 + (*in++ - '0');
      *o++ = static_cast<char>(v);
    } else if (c == 'x' && in < end && HexDigit(*in) >= 0) {
      int v = HexDigit(*in++);
      if (in < end && HexDigit(*in) >= 0) v = v * 16 + HexDigit(*in++);
      *o++ = static_cast<char>(v);
    } else {
      *o++ = Escaped(c);
    }
  }
  return static_cast<size_t>(o - out);
}

}  // namespace sluice
