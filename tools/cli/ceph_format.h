#pragma once
// Ceph's JSONFormatter, for commands whose output must be byte-identical to a Ceph tool's:
// sections and values in the order dumped, its string escaping, its pretty layout.

#include <string>
#include <string_view>
#include <vector>

namespace radosio::cli {

// Ceph's escape_json_attr: '"', '\\', tab and newline get a backslash, other control bytes
// and DEL become \u00XX, every other byte (UTF-8 included) goes through as it is.
std::string ceph_json_escape(std::string_view text);

// Ceph's JSONFormatter. Compact output has no newline at all; pretty output indents by four
// spaces, writes "key": value, and ends the outermost section with a newline.
class ceph_json {
 public:
  explicit ceph_json(bool pretty) : pretty_(pretty) {}

  // `name` is ignored inside arrays and for the outermost section, as Ceph ignores it.
  void open_object(std::string_view name = {}) { open(name, false); }
  void open_array(std::string_view name = {}) { open(name, true); }
  void close();
  void dump_string(std::string_view name, std::string_view value);

  // What Formatter::flush would print once every section is closed.
  [[nodiscard]] const std::string& text() const noexcept { return out_; }

 private:
  struct section {
    bool is_array = false;
    unsigned size = 0;  // entries so far
  };
  void open(std::string_view name, bool is_array);
  void print_name(std::string_view name);
  void newline_and_indent();

  bool pretty_;
  std::vector<section> stack_;
  std::string out_;
};

}  // namespace radosio::cli
