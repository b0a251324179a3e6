// Linked into every program of the sanitizer tree. The sanitizers end each report with a
// one-line summary passed to this hook (a weak symbol in their runtimes, which a program may
// define). GCC's UBSan writes its reports to stderr whatever log_path says, and the scripts
// hide the stderr of commands they expect to fail, so the summary is also appended to a
// file in $RADOSIO_SANITIZER_REPORTS, where sanitized_run.sh looks for it.
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

// Only raw system calls: the hook runs inside the sanitizer's report, perhaps after memory
// was corrupted, and must not allocate.
void write_line(int fd, const char* text) {
  (void)!::write(fd, text, std::strlen(text));
  (void)!::write(fd, "\n", 1);
}

}  // namespace

extern "C" void __sanitizer_report_error_summary(const char* summary) {
  write_line(STDERR_FILENO, summary);  // what the runtime would print
  const char* dir = std::getenv("RADOSIO_SANITIZER_REPORTS");
  if (dir == nullptr || *dir == '\0') return;
  char path[4096];
  std::snprintf(path, sizeof path, "%s/summary.%d", dir, static_cast<int>(::getpid()));
  const int fd = ::open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return;
  write_line(fd, summary);
  ::close(fd);
}
