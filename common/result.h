#pragma once
// The result type is part of the public API: see include/radosio/result.h.
#include "radosio/result.h"
