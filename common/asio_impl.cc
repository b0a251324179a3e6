// The one translation unit that compiles Boost.Asio's implementation. Every other file sees
// only declarations (BOOST_ASIO_SEPARATE_COMPILATION), which keeps rebuilds fast.
#include <boost/asio/impl/src.hpp>
