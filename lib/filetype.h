/* filetype.h - which evidence files are accepted, by extension, and the content type
 * they are stored and served with. Pure. */
#ifndef FILETYPE_H
#define FILETYPE_H

/* The content type for file_name's extension (case-insensitive), or NULL when files of
 * that type are not accepted (executables, scripts, HTML, anything unknown). */
const char *filetype_for_name(const char *file_name);

/* The file name without any directory part a browser may have sent ("C:\a\b.pdf"). */
const char *filetype_base_name(const char *file_name);

#endif
