#pragma once
// Buffers are part of the public API: see include/radosio/buffer.h.
#include "radosio/buffer.h"
