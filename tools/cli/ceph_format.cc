#include "tools/cli/ceph_format.h"

#include <fmt/format.h>

namespace radosio::cli {

std::string ceph_json_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += fmt::format("\\u{:04x}", c);
        } else {
          out += ch;
        }
    }
  }
  return out;
}

void ceph_json::newline_and_indent() {
  out_ += '\n';
  for (std::size_t i = 1; i < stack_.size(); ++i) out_ += "    ";
}

// JSONFormatter::print_name with print_comma: the separator, then the key unless in an array.
void ceph_json::print_name(std::string_view name) {
  if (stack_.empty()) return;
  auto& top = stack_.back();
  if (top.size > 0) out_ += ',';
  if (pretty_) {
    newline_and_indent();
    out_ += "    ";
  }
  if (!top.is_array) {
    out_ += '"';
    out_ += name;
    out_ += pretty_ ? "\": " : "\":";
  }
  ++top.size;
}

void ceph_json::open(std::string_view name, bool is_array) {
  print_name(name);
  out_ += is_array ? '[' : '{';
  stack_.push_back(section{is_array, 0});
}

void ceph_json::close() {
  if (stack_.empty()) return;
  if (pretty_ && stack_.back().size > 0) newline_and_indent();
  out_ += stack_.back().is_array ? ']' : '}';
  stack_.pop_back();
  if (pretty_ && stack_.empty()) out_ += '\n';
}

void ceph_json::dump_string(std::string_view name, std::string_view value) {
  print_name(name);
  out_ += '"';
  out_ += ceph_json_escape(value);
  out_ += '"';
}

}  // namespace radosio::cli
