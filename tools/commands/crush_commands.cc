// `crush test`: raw CRUSH mappings of a compiled CRUSH map, printed exactly as
// `crushtool -i FILE --test --show-mappings` prints them.
// `crush decompile`: the map as text, exactly as `crushtool -d FILE` prints it.

#include <iostream>

#include "crush/crush_test_tool.h"
#include "crush/decode.h"
#include "crush/decompile.h"
#include "tools/cli/runner.h"
#include "tools/commands/commands.h"

namespace radosio::cli {

void add_crush_commands(CLI::App& app, global_options& options, int& exit_status) {
  (void)options;
  auto* crush = app.add_subcommand("crush", "CRUSH maps, offline");
  crush->require_subcommand(1);

  struct test_args {
    std::string file;
    crush::crush_test_options opts;
    std::optional<int> num_rep;
    std::vector<std::string> weights;
  };
  auto a = std::make_shared<test_args>();
  auto* test = crush->add_subcommand(
      "test", "map inputs through a rule (as `crushtool -i FILE --test --show-mappings`)");
  test->add_option("--crushmap", a->file, "compiled CRUSH map (ceph osd getcrushmap -o FILE)")->required();
  test->add_option("--rule", a->opts.rule, "rule id (default: every rule)");
  test->add_option("--num-rep", a->num_rep, "replicas to ask for");
  test->add_option("--min-rep", a->opts.min_rep, "fewest replicas to ask for");
  test->add_option("--max-rep", a->opts.max_rep, "most replicas to ask for");
  test->add_option("--min-x", a->opts.min_x, "first input");
  test->add_option("--max-x", a->opts.max_x, "last input");
  test->add_option("--pool-id", a->opts.pool_id, "mix this pool id into the inputs and use its choose_args");
  test->add_option("--weight", a->weights, "device reweight OSD:W with W in [0,1] (repeatable)")->take_all();
  test->callback([&, a] {
    if (a->num_rep) a->opts.min_rep = a->opts.max_rep = *a->num_rep;
    for (const auto& w : a->weights) {
      if (auto parsed = crush::parse_weight_arg(w, a->opts); !parsed) {
        exit_status = report(parsed.err());
        return;
      }
    }
    exit_status = crush::run_crush_test_file(a->file, a->opts, std::cout, std::cerr);
  });

  auto decompile_file = std::make_shared<std::string>();
  auto* decompile = crush->add_subcommand(
      "decompile", "print a compiled CRUSH map as text (as `crushtool -d FILE`)");
  decompile
      ->add_option("--crushmap", *decompile_file,
                   "compiled CRUSH map (ceph osd getcrushmap -o FILE)")
      ->required();
  decompile->callback([&, decompile_file] {
    auto map = crush::read_crush_map_file(*decompile_file);
    if (!map) {
      exit_status = report(map.err());
      return;
    }
    auto text = crush::decompile(*map);
    if (!text) {
      exit_status = report(text.err());
      return;
    }
    std::cout << *text;
    exit_status = 0;
  });
}

}  // namespace radosio::cli
