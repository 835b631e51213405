// web/ui/native/png_writer.h: writes RGBA pixels as a PNG file (uncompressed deflate blocks),
// so the native debugger can save screenshots without an image library.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mnemo::ui {

// `rgba` holds width*height*4 bytes, top row first. Returns false when the file can't be written.
bool write_png(const std::string& path, uint32_t width, uint32_t height, const std::vector<uint8_t>& rgba);

}  // namespace mnemo::ui
