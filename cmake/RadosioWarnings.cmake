# One place for the warning flags every radosio target uses.
function(radosio_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wcast-align -Wunused -Woverloaded-virtual -Wimplicit-fallthrough)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12 pairs Asio's coroutine-frame operator new with the wrong delete when it inlines
    # at -O2 with debug info (RelWithDebInfo only): a false positive on every coroutine that
    # awaits a socket operation, not a real mismatch (the frame allocator is Asio's own).
    target_compile_options(${target} PRIVATE -Wno-mismatched-new-delete)
  endif()
endfunction()
