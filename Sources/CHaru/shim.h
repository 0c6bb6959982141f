// libharu (Debian: libhpdf-dev), the PDF writer behind invoice documents.
#include <hpdf.h>
