#pragma once
// The inside of write_op / read_op: the OSD ops in order, and for each the code that hands
// its result and output to where the caller asked. Not a public header.

#include <functional>
#include <optional>
#include <vector>

#include "common/result.h"
#include "common/types/basic.h"
#include "osdc/osd_op.h"
#include "radosio/operations.h"

namespace radosio::detail {

struct op_list {
  // Decodes one op's output into the caller's variables; an error means the output was
  // malformed.
  using output_fn = std::function<status(const osdc::osd_op&)>;

  std::vector<osdc::osd_op> ops;
  std::vector<output_fn> outputs;  // one per op, possibly empty
  std::vector<int*> rvals;         // one per op, possibly null
  std::optional<utime> mtime;
  std::uint32_t extra_flags = 0;   // e.g. osd_flag::write for a class method in a write op

  osdc::osd_op& add(osdc::op_code code, output_fn output = {}, int* rval = nullptr) {
    auto& op = ops.emplace_back();
    op.code = code;
    outputs.push_back(std::move(output));
    rvals.push_back(rval);
    return op;
  }
};

// After the reply: every op's rval to its place, every output decoded. A malformed output
// becomes that op's rval (-EIO) and the returned error.
status deliver(op_list& list, const std::vector<osdc::osd_op>& replied);

}  // namespace radosio::detail
