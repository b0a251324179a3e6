// Proof that the asan tier would notice a memory error: `canary overflow` reads past a heap
// block (UBSan's object-size check sees it first), `canary use-after-free` reads a freed one
// (ASan), `canary leak` leaks one (LeakSanitizer), `canary ub` overflows a signed int.
// Without an argument it does nothing wrong. sanitizer_canary.sh runs each through sanitized_run.sh, the wrapper of
// the integration scripts, and expects the test to fail with the report printed.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string_view>

int main(int argc, char** argv) {
  const std::string_view what = argc > 1 ? argv[1] : "";
  // volatile: the compiler must not see (and fold away) what the sanitizers should catch.
  volatile int index = 8;
  if (what == "overflow") {
    char* block = static_cast<char*>(std::malloc(8));
    std::memset(block, 0, 8);
    std::printf("%d\n", block[index]);
    std::free(block);
  } else if (what == "use-after-free") {
    char* block = static_cast<char*>(std::malloc(8));
    std::memset(block, 0, 8);
    std::free(block);
    std::printf("%d\n", block[index - 8]);
  } else if (what == "leak") {
    void* volatile lost = std::malloc(64);
    lost = nullptr;
    (void)lost;
  } else if (what == "ub") {
    volatile int big = std::numeric_limits<int>::max();
    std::printf("%d\n", big + index);
  }
  return 0;
}
