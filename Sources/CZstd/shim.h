#pragma once
#include <zstd.h>

/* ZSTD_CONTENTSIZE_UNKNOWN / _ERROR are arithmetic macros Swift does not import. */
static inline unsigned long long czstd_contentsize_unknown(void) { return ZSTD_CONTENTSIZE_UNKNOWN; }
static inline unsigned long long czstd_contentsize_error(void) { return ZSTD_CONTENTSIZE_ERROR; }
