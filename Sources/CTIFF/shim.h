#pragma once
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <tiffio.h>

/* TIFFGetField / TIFFSetField are C variadic functions, which Swift cannot
   call. These typed wrappers fix the argument types per tag kind. */

static inline int ctiff_get_u16(TIFF *tif, uint32_t tag, uint16_t *value) {
    return TIFFGetField(tif, tag, value);
}

static inline int ctiff_get_u32(TIFF *tif, uint32_t tag, uint32_t *value) {
    return TIFFGetField(tif, tag, value);
}

static inline int ctiff_get_u16_defaulted(TIFF *tif, uint32_t tag, uint16_t *value) {
    return TIFFGetFieldDefaulted(tif, tag, value);
}

static inline int ctiff_get_u32_defaulted(TIFF *tif, uint32_t tag, uint32_t *value) {
    return TIFFGetFieldDefaulted(tif, tag, value);
}

/* The red, green and blue tables of a palette image, 2^BitsPerSample entries each; libtiff owns them. */
static inline int ctiff_get_colormap(TIFF *tif, const uint16_t **red, const uint16_t **green,
                                     const uint16_t **blue) {
    uint16_t *r = NULL, *g = NULL, *b = NULL;
    int found = TIFFGetField(tif, TIFFTAG_COLORMAP, &r, &g, &b);
    *red = r;
    *green = g;
    *blue = b;
    return found;
}

/* uint16 values travel through varargs promoted to int. */
static inline int ctiff_set_u16(TIFF *tif, uint32_t tag, uint16_t value) {
    return TIFFSetField(tif, tag, (int)value);
}

static inline int ctiff_set_u32(TIFF *tif, uint32_t tag, uint32_t value) {
    return TIFFSetField(tif, tag, value);
}

static inline int ctiff_set_string(TIFF *tif, uint32_t tag, const char *value) {
    return TIFFSetField(tif, tag, value);
}

static inline int ctiff_set_colormap(TIFF *tif, const uint16_t *red,
                                     const uint16_t *green, const uint16_t *blue) {
    return TIFFSetField(tif, TIFFTAG_COLORMAP, red, green, blue);
}

/* Per-handle diagnostics (libtiff >= 4.5): messages are formatted here, in C,
   because a va_list cannot be handled portably in Swift. Only the first error
   since the last reset is kept: later ones are usually consequences of it. */
typedef struct {
    char first[512];
    int count;
} ctiff_errbuf;

static inline int ctiff_record_error(TIFF *tif, void *user_data, const char *module,
                                     const char *fmt, va_list ap) {
    (void)tif;
    ctiff_errbuf *buffer = (ctiff_errbuf *)user_data;
    if (buffer == NULL) return 1;
    if (buffer->count == 0) {
        int prefix = snprintf(buffer->first, sizeof buffer->first, "%s: ",
                              module ? module : "libtiff");
        if (prefix > 0 && prefix < (int)sizeof buffer->first)
            vsnprintf(buffer->first + prefix, sizeof buffer->first - (size_t)prefix, fmt, ap);
    }
    buffer->count++;
    return 1; /* handled: keeps libtiff from printing to stderr */
}

static inline int ctiff_ignore_warning(TIFF *tif, void *user_data, const char *module,
                                       const char *fmt, va_list ap) {
    (void)tif; (void)user_data; (void)module; (void)fmt; (void)ap;
    return 1; /* handled: keeps libtiff from printing to stderr */
}

/* Opens with handlers bound to this handle only; the process-global libtiff
   handlers are never touched. `errors` must outlive the returned TIFF*. */
static inline TIFF *ctiff_open(const char *path, const char *mode, ctiff_errbuf *errors) {
    TIFFOpenOptions *options = TIFFOpenOptionsAlloc();
    if (options == NULL) return NULL;
    TIFFOpenOptionsSetErrorHandlerExtR(options, ctiff_record_error, errors);
    TIFFOpenOptionsSetWarningHandlerExtR(options, ctiff_ignore_warning, NULL);
    TIFF *tif = TIFFOpenExt(path, mode, options);
    TIFFOpenOptionsFree(options);
    return tif;
}
