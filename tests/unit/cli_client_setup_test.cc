// rados-client's configuration from files: a keyring (or keyfile) that anyone but its owner
// can read is warned about.

#include "tools/cli/client_setup.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>

namespace radosio::cli {
namespace {

namespace fs = std::filesystem;

// A valid client.admin key (the transcripts' throwaway cluster key).
constexpr std::string_view admin_key = "AQA6cANrNRgKChAAa97/3kMA+E/TmAa3/IaRhw==";

class ClientSetupFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    // scripts/test exports CEPH_KEYRING (and CEPH_CONF) for its cluster: with it set, the
    // setup would read that keyring instead of the one under test.
    for (const char* name : {"CEPH_KEYRING", "CEPH_CONF", "CEPH_ARGS"}) {
      if (const char* v = std::getenv(name)) saved_env_.emplace_back(name, v);
      ::unsetenv(name);
    }
    // ctest runs each case as its own process, side by side: the pid keeps their files apart.
    dir_ = fs::temp_directory_path() /
           ("radosio-setup-" + std::to_string(::getpid()) + "-" +
            std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::create_directories(dir_);
    keyring_ = (dir_ / "ceph.client.admin.keyring").string();
    std::ofstream(keyring_) << "[client.admin]\n\tkey = " << admin_key << "\n";
    conf_ = (dir_ / "ceph.conf").string();
    std::ofstream(conf_) << "[global]\n\tmon host = v2:127.0.0.1:3300\n\tkeyring = " << keyring_ << "\n";
  }
  void TearDown() override {
    fs::remove_all(dir_);
    for (const auto& [name, value] : saved_env_) ::setenv(name.c_str(), value.c_str(), 1);
  }

  result<client_setup> setup() const {
    global_options o;
    o.conf = conf_;
    o.mon_host = "v2:127.0.0.1:3300";
    return build_client_setup(o);
  }

  std::vector<std::pair<std::string, std::string>> saved_env_;
  fs::path dir_;
  std::string keyring_;
  std::string conf_;
};

TEST_F(ClientSetupFiles, PrivateKeyringGivesNoWarning) {
  fs::permissions(keyring_, fs::perms::owner_read | fs::perms::owner_write);
  const auto s = setup();
  ASSERT_TRUE(s) << s.err().what();
  EXPECT_TRUE(s->mon.key.has_value());
  EXPECT_TRUE(s->warnings.empty());
}

TEST_F(ClientSetupFiles, KeyringReadableByOthersIsWarnedAbout) {
  fs::permissions(keyring_, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                                fs::perms::others_read);
  const auto s = setup();
  ASSERT_TRUE(s) << s.err().what();
  EXPECT_TRUE(s->mon.key.has_value());  // still used: a warning, not an error
  ASSERT_EQ(s->warnings.size(), 1u);
  EXPECT_EQ(s->warnings[0], "warning: keyring " + keyring_ + " is readable by others (mode 0644)");
}

TEST_F(ClientSetupFiles, KeyringReadableByItsGroupIsWarnedAbout) {
  fs::permissions(keyring_, fs::perms::owner_read | fs::perms::group_read);
  const auto s = setup();
  ASSERT_TRUE(s) << s.err().what();
  ASSERT_EQ(s->warnings.size(), 1u);
  EXPECT_EQ(s->warnings[0], "warning: keyring " + keyring_ + " is readable by its group (mode 0440)");
}

TEST_F(ClientSetupFiles, KeyfileReadableByOthersIsWarnedAbout) {
  const auto keyfile = (dir_ / "admin.key").string();
  std::ofstream(keyfile) << admin_key << "\n";
  fs::permissions(keyfile, fs::perms::owner_read | fs::perms::others_read);
  std::ofstream(conf_) << "[global]\n\tmon host = v2:127.0.0.1:3300\n\tkeyfile = " << keyfile << "\n";
  const auto s = setup();
  ASSERT_TRUE(s) << s.err().what();
  ASSERT_EQ(s->warnings.size(), 1u);
  EXPECT_EQ(s->warnings[0], "warning: keyfile " + keyfile + " is readable by others (mode 0404)");
}

TEST(ClientSetupWarning, MissingFileGivesNothing) {
  EXPECT_FALSE(secret_file_warning("keyring", "/nonexistent/keyring"));
}

}  // namespace
}  // namespace radosio::cli
