// Reads libphonenumber's serialized metadata. The message classes are generated into the
// library, but parsing them needs libprotobuf at link time; the wire format is simple enough to
// walk here, with the field numbers taken from the generated header.
#include "transforms/phone_metadata.h"

#include <phonenumbers/phonemetadata.pb.h>

#include <cstdint>
#include <stdexcept>
#include <string_view>

namespace i18n::phonenumbers {
// Defined in the library (metadata.cc) without an installed header: the serialized
// PhoneMetadataCollection that PhoneNumberUtil itself loads at start-up.
int metadata_size();
const void* metadata_get();
}  // namespace i18n::phonenumbers

namespace sluice::phone_internal {

namespace {

using i18n::phonenumbers::PhoneMetadata;
using i18n::phonenumbers::PhoneMetadataCollection;
using i18n::phonenumbers::PhoneNumberDesc;

class WireReader {
 public:
  explicit WireReader(std::string_view bytes)
      : p_(reinterpret_cast<const uint8_t*>(bytes.data())), end_(p_ + bytes.size()) {}

  bool AtEnd() const { return p_ == end_; }

  void ReadKey(int& field, int& wire_type) {
    uint64_t key = ReadVarint();
    field = static_cast<int>(key >> 3);
    wire_type = static_cast<int>(key & 7);
  }

  uint64_t ReadVarint() {
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ == end_) throw std::runtime_error("truncated varint");
      uint8_t byte = *p_++;
      value |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return value;
    }
    throw std::runtime_error("varint too long");
  }

  std::string_view ReadBytes() {
    uint64_t size = ReadVarint();
    if (size > static_cast<uint64_t>(end_ - p_)) throw std::runtime_error("truncated field");
    std::string_view bytes(reinterpret_cast<const char*>(p_), size);
    p_ += size;
    return bytes;
  }

  void Skip(int wire_type) {
    switch (wire_type) {
      case 0:
        ReadVarint();
        return;
      case 1:
        Advance(8);
        return;
      case 2:
        ReadBytes();
        return;
      case 5:
        Advance(4);
        return;
      default:
        throw std::runtime_error("unsupported wire type");
    }
  }

 private:
  void Advance(size_t n) {
    if (n > static_cast<size_t>(end_ - p_)) throw std::runtime_error("truncated field");
    p_ += n;
  }

  const uint8_t* p_;
  const uint8_t* end_;
};

DescPattern ReadDesc(std::string_view bytes) {
  DescPattern desc;
  WireReader reader(bytes);
  while (!reader.AtEnd()) {
    int field = 0;
    int wire_type = 0;
    reader.ReadKey(field, wire_type);
    if (field == PhoneNumberDesc::kNationalNumberPatternFieldNumber && wire_type == 2) {
      desc.pattern = std::string(reader.ReadBytes());
    } else if (field == PhoneNumberDesc::kPossibleLengthFieldNumber && wire_type == 0) {
      desc.possible_lengths.push_back(static_cast<int>(reader.ReadVarint()));
    } else if (field == PhoneNumberDesc::kPossibleLengthFieldNumber && wire_type == 2) {
      WireReader packed(reader.ReadBytes());
      while (!packed.AtEnd()) {
        desc.possible_lengths.push_back(static_cast<int>(packed.ReadVarint()));
      }
    } else {
      reader.Skip(wire_type);
    }
  }
  return desc;
}

RegionPatterns ReadRegion(std::string_view bytes) {
  RegionPatterns region;
  WireReader reader(bytes);
  while (!reader.AtEnd()) {
    int field = 0;
    int wire_type = 0;
    reader.ReadKey(field, wire_type);
    if (wire_type == 0 && field == PhoneMetadata::kCountryCodeFieldNumber) {
      region.calling_code = static_cast<int>(reader.ReadVarint());
    } else if (wire_type == 0 &&
               field == PhoneMetadata::kSameMobileAndFixedLinePatternFieldNumber) {
      region.same_mobile_and_fixed_line = reader.ReadVarint() != 0;
    } else if (wire_type != 2) {
      reader.Skip(wire_type);
    } else if (field == PhoneMetadata::kIdFieldNumber) {
      region.id = std::string(reader.ReadBytes());
    } else if (field == PhoneMetadata::kLeadingDigitsFieldNumber) {
      region.leading_digits = std::string(reader.ReadBytes());
    } else if (field == PhoneMetadata::kGeneralDescFieldNumber) {
      region.general = ReadDesc(reader.ReadBytes());
    } else if (field == PhoneMetadata::kMobileFieldNumber) {
      region.mobile = ReadDesc(reader.ReadBytes());
    } else if (field == PhoneMetadata::kFixedLineFieldNumber ||
               field == PhoneMetadata::kTollFreeFieldNumber ||
               field == PhoneMetadata::kPremiumRateFieldNumber ||
               field == PhoneMetadata::kSharedCostFieldNumber ||
               field == PhoneMetadata::kPersonalNumberFieldNumber ||
               field == PhoneMetadata::kVoipFieldNumber ||
               field == PhoneMetadata::kPagerFieldNumber ||
               field == PhoneMetadata::kUanFieldNumber ||
               field == PhoneMetadata::kVoicemailFieldNumber) {
      region.other_types.push_back(ReadDesc(reader.ReadBytes()));
    } else {
      reader.Skip(wire_type);
    }
  }
  return region;
}

}  // namespace

std::map<std::string, RegionPatterns> ReadRegionsOfCallingCode(int calling_code) {
  std::string_view blob(static_cast<const char*>(i18n::phonenumbers::metadata_get()),
                        static_cast<size_t>(i18n::phonenumbers::metadata_size()));
  std::map<std::string, RegionPatterns> regions;
  WireReader reader(blob);
  while (!reader.AtEnd()) {
    int field = 0;
    int wire_type = 0;
    reader.ReadKey(field, wire_type);
    if (field != PhoneMetadataCollection::kMetadataFieldNumber || wire_type != 2) {
      reader.Skip(wire_type);
      continue;
    }
    RegionPatterns region = ReadRegion(reader.ReadBytes());
    if (region.calling_code == calling_code) regions[region.id] = std::move(region);
  }
  return regions;
}

}  // namespace sluice::phone_internal
