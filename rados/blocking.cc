#include "radosio/blocking.h"

namespace radosio {

blocking_client::blocking_client(std::size_t io_threads)
    : strand_(boost::asio::make_strand(io_.get_executor())), work_(io_.get_executor()) {
  if (io_threads == 0) io_threads = 1;
  for (std::size_t i = 0; i < io_threads; ++i) threads_.emplace_back([this] { io_.run(); });
}

blocking_client::~blocking_client() {
  if (client_) {
    // Shut down on the client's own executor, then let the I/O threads finish.
    boost::asio::post(strand_, [this] { client_->shutdown(); });
  }
  work_.reset();
  for (auto& t : threads_) t.join();
}

result<std::unique_ptr<blocking_client>> blocking_client::connect(const client_config& config, std::size_t io_threads) {
  std::unique_ptr<blocking_client> c(new blocking_client(io_threads));
  auto created = client::create(c->strand_, config);
  if (!created) return created.err();
  c->client_.emplace(std::move(*created));
  auto connected = c->run(c->client_->connect());
  if (!connected) return connected.err();
  return c;
}

}  // namespace radosio
