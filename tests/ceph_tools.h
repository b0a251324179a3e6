#pragma once
// Running Ceph's offline tools (monmaptool, osdmaptool, crushtool) from tests that compare
// our decoders with Ceph's own: a scratch directory, shell quoting and captured output.

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace radosio::test {

// A fresh directory under the system temp dir, removed with everything in it.
class temp_dir {
 public:
  temp_dir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "radosio-tools-XXXXXX").string();
    if (mkdtemp(pattern.data())) path_ = pattern;
  }
  ~temp_dir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  [[nodiscard]] std::filesystem::path operator/(const std::string& name) const {
    return path_ / name;
  }
  [[nodiscard]] bool ok() const { return !path_.empty(); }

 private:
  std::filesystem::path path_;
};

// Single-quoted for the shell; embedded quotes become '\''.
inline std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

struct command_output {
  int status = -1;  // as from pclose: 0 is success
  std::string out;  // stdout only
};

// Runs `command` through the shell and collects its stdout.
inline command_output run_command(const std::string& command) {
  command_output result;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return result;
  char chunk[65536];
  std::size_t n = 0;
  while ((n = fread(chunk, 1, sizeof chunk, pipe)) > 0) result.out.append(chunk, n);
  result.status = pclose(pipe);
  return result;
}

// Runs `argv[0]` with exactly these arguments (no shell, so any byte but NUL passes through
// unquoted) and collects its stdout; stderr is discarded.
inline command_output run_program(const std::vector<std::string>& argv) {
  command_output result;
  int fds[2];
  if (argv.empty() || pipe(fds) != 0) return result;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  posix_spawn_file_actions_addclose(&actions, fds[1]);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  if (spawned == 0) {
    char chunk[65536];
    ssize_t n = 0;
    while ((n = read(fds[0], chunk, sizeof chunk)) > 0)
      result.out.append(chunk, static_cast<std::size_t>(n));
    int status = 0;
    if (waitpid(pid, &status, 0) == pid) result.status = status;
  }
  close(fds[0]);
  return result;
}

// ceph_release_t's names by number, as Ceph's tools print them.
inline const char* ceph_release_name(unsigned release) {
  static constexpr const char* names[] = {
      "unknown",  "argonaut", "bobtail",    "cuttlefish", "dumpling", "emperor",  "firefly",
      "giant",    "hammer",   "infernalis", "jewel",      "kraken",   "luminous", "mimic",
      "nautilus", "octopus",  "pacific",    "quincy",     "reef",     "squid"};
  return release < std::size(names) ? names[release] : "unknown";
}

}  // namespace radosio::test
