#include "common/error.h"

namespace radosio {
namespace {

class category final : public std::error_category {
 public:
  const char* name() const noexcept override { return "radosio"; }
  std::string message(int code) const override {
    switch (static_cast<errc>(code)) {
      case errc::ok: return "success";
      case errc::truncated: return "input truncated";
      case errc::length_too_large: return "length or count too large";
      case errc::unsupported_version: return "encoding version not supported";
      case errc::malformed: return "malformed input";
      case errc::bad_crc: return "checksum mismatch";
      case errc::protocol_error: return "protocol error";
    }
    return "unknown radosio error " + std::to_string(code);
  }
};

}  // namespace

const std::error_category& radosio_category() noexcept {
  static const category instance;
  return instance;
}

}  // namespace radosio
