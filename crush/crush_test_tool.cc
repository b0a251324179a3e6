#include "crush/crush_test_tool.h"

#include <charconv>
#include <ostream>

#include "crush/decode.h"
#include "crush/hash.h"
#include "crush/mapper.h"

namespace radosio::crush {

status parse_weight_arg(const std::string& arg, crush_test_options& options) {
  const auto colon = arg.find(':');
  auto bad = [&] {
    return status(make_error_code(errc::malformed),
                  "--weight wants OSD:W with W in [0,1], got '" + arg + "'");
  };
  if (colon == std::string::npos) return bad();
  int osd = -1;
  const auto* begin = arg.data();
  if (auto [p, ec] = std::from_chars(begin, begin + colon, osd);
      ec != std::errc{} || p != begin + colon || osd < 0)
    return bad();
  double w = -1;
  const auto* wbegin = begin + colon + 1;
  const auto* wend = begin + arg.size();
  if (auto [p, ec] = std::from_chars(wbegin, wend, w); ec != std::errc{} || p != wend) return bad();
  if (!(w >= 0.0 && w <= 1.0)) return bad();
  options.device_weights[osd] = w;
  return ok_status();
}

std::vector<std::uint32_t> test_weights(const crush_map& map, const crush_test_options& options) {
  std::vector<std::uint32_t> weights(static_cast<std::size_t>(map.max_devices), 0);
  for (const auto& slot : map.buckets) {
    if (!slot) continue;
    for (auto item : slot->items)
      if (item >= 0 && item < map.max_devices) weights[static_cast<std::size_t>(item)] = weight_in;
  }
  for (const auto& [osd, w] : options.device_weights)
    if (osd < map.max_devices)
      weights[static_cast<std::size_t>(osd)] = static_cast<std::uint32_t>(w * weight_in);
  return weights;
}

int run_crush_test(const crush_map& map, const crush_test_options& options, std::ostream& out,
                   std::ostream& err) {
  if (options.min_rep < 1 || options.max_rep < options.min_rep || options.min_x > options.max_x) {
    err << "crush test: bad --num-rep or --min-x/--max-x range\n";
    return 1;
  }
  if (options.rule && !map.find_rule_by_id(*options.rule)) {
    err << "crush test: rule " << *options.rule << " does not exist\n";
    return 1;
  }
  const auto weights = test_weights(map, options);
  workspace ws(map, static_cast<std::size_t>(options.max_rep));
  const choose_args* args = map.choose_args_for(options.pool_id.value_or(default_choose_args));
  std::vector<int> result(static_cast<std::size_t>(options.max_rep));
  std::string line;
  for (std::size_t rule_id = 0; rule_id < map.rules.size(); ++rule_id) {
    if (!map.rules[rule_id] || (options.rule && *options.rule != static_cast<int>(rule_id)))
      continue;
    for (int nr = options.min_rep; nr <= options.max_rep; ++nr) {
      for (std::int64_t x = options.min_x; x <= options.max_x; ++x) {
        int input = static_cast<int>(x);
        if (options.pool_id)
          input = static_cast<int>(hash32_2(hash_rjenkins1, static_cast<std::uint32_t>(x),
                                            static_cast<std::uint32_t>(*options.pool_id)));
        const int n =
            do_rule(map, static_cast<int>(rule_id), input,
                    std::span<int>(result.data(), static_cast<std::size_t>(nr)), weights, ws, args);
        line = "CRUSH rule " + std::to_string(rule_id) + " x " + std::to_string(x) + " [";
        for (int i = 0; i < n; ++i) {
          if (i) line += ',';
          line += std::to_string(result[static_cast<std::size_t>(i)]);
        }
        line += "]\n";
        out << line;
      }
    }
  }
  return 0;
}

int run_crush_test_file(const std::string& path, const crush_test_options& options,
                        std::ostream& out, std::ostream& err) {
  auto map = read_crush_map_file(path);
  if (!map) {
    err << "crush test: " << map.err().what() << "\n";
    return 1;
  }
  return run_crush_test(*map, options, out, err);
}

}  // namespace radosio::crush
