#include "crush/straw_calc.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace radosio::crush {
namespace {

// C's double -> __u32 conversion as x86-64 compilers emit it (a truncating 64-bit convert,
// low half kept): Ceph's straws overflow the same way ours do for absurd weight ratios.
std::uint32_t to_straw(double length) {
  constexpr double limit = 9223372036854775808.0;      // 2^63
  if (!(length > -limit && length < limit)) return 0;  // the "integer indefinite" value, low half
  return static_cast<std::uint32_t>(static_cast<std::uint64_t>(static_cast<std::int64_t>(length)));
}

}  // namespace

std::vector<std::uint32_t> calc_straws(std::span<const std::uint32_t> weights,
                                       std::uint8_t straw_calc_version) {
  const std::size_t size = weights.size();
  std::vector<std::uint32_t> straws(size, 0);
  // Items by ascending weight, equal weights in item order: what Ceph's insertion sort yields.
  std::vector<std::size_t> order(size);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return weights[a] < weights[b]; });
  const auto w = [&](std::size_t i) { return weights[order[i]]; };

  // The same variables and the same operations in the same order as Ceph, so every double
  // rounds identically; `numleft` is an int that Ceph multiplies as unsigned in wnext.
  int numleft = static_cast<int>(size);
  double straw = 1.0;
  double wbelow = 0;
  double lastw = 0;
  std::size_t i = 0;
  while (i < size) {
    if (w(i) == 0) {  // zero-weight items get zero-length straws
      straws[order[i]] = 0;
      ++i;
      if (straw_calc_version >= 1) --numleft;
      continue;
    }
    straws[order[i]] = to_straw(straw * 0x10000);
    ++i;
    if (i == size) break;

    if (straw_calc_version == 0) {
      // Version 0 skips repeated weights and removes a whole run of equal weights from
      // numleft at once, and never discounts zero-weight items: the bugs version 1 fixed.
      if (w(i) == w(i - 1)) continue;
      wbelow += (static_cast<double>(w(i - 1)) - lastw) * numleft;
      for (std::size_t j = i; j < size && w(j) == w(i); ++j) --numleft;
    } else {
      wbelow += (static_cast<double>(w(i - 1)) - lastw) * numleft;
      --numleft;
    }
    const double wnext =
        static_cast<double>(static_cast<std::uint32_t>(numleft) * (w(i) - w(i - 1)));
    const double pbelow = wbelow / (wbelow + wnext);
    straw *= std::pow(1.0 / pbelow, 1.0 / static_cast<double>(numleft));
    lastw = w(i - 1);
  }
  return straws;
}

}  // namespace radosio::crush
