// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include <aecv/idx.hpp>

#include <zlib.h>

#include <array>
#include <memory>

#include "ops/tensor.hpp"

namespace aecv {

namespace {

struct GzFile {
    explicit GzFile(const std::string& name) : path(name), file(gzopen(name.c_str(), "rb")) {
        if (!file) CV_Error(cv::Error::StsError, cv::format("cannot open '%s'", path.c_str()));
    }
    ~GzFile() { gzclose(file); }
    GzFile(const GzFile&) = delete;
    GzFile& operator=(const GzFile&) = delete;

    // Reads exactly `n` bytes; cv::Exception for a truncated or corrupt file.
    void read(void* out, size_t n, const char* what) {
        auto* p = static_cast<unsigned char*>(out);
        while (n > 0) {
            const unsigned chunk = static_cast<unsigned>(std::min<size_t>(n, 1u << 30));
            const int got = gzread(file, p, chunk);
            if (got < 0) {
                int code = 0;
                CV_Error(cv::Error::StsParseError, cv::format("'%s' is corrupt (%s) while reading %s", path.c_str(),
                         gzerror(file, &code), what));
            }
            if (got == 0)
                CV_Error(cv::Error::StsParseError, cv::format("'%s' is truncated: it ends while reading %s",
                         path.c_str(), what));
            p += got;
            n -= static_cast<size_t>(got);
        }
    }

    uint32_t bigEndian(const char* what) {
        std::array<unsigned char, 4> b{};
        read(b.data(), 4, what);
        return (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | b[3];
    }

    void requireMagic(uint32_t expected, const char* kind) {
        const uint32_t magic = bigEndian("the header");
        if (magic != expected)
            CV_Error(cv::Error::StsParseError, cv::format("'%s' has IDX magic %u; expected %u (%s)", path.c_str(),
                     magic, expected, kind));
    }

    std::string path;
    gzFile file;
};

}  // namespace

cv::Mat readIdxImages(const std::string& path) {
    GzFile f(path);
    f.requireMagic(2051, "an IDX3 image file");
    const uint32_t n = f.bigEndian("the image count"), h = f.bigEndian("the height"), w = f.bigEndian("the width");
    if (n == 0 || h == 0 || w == 0 || h > 4096 || w > 4096 || uint64_t{n} * h * w > (uint64_t{1} << 32))
        CV_Error(cv::Error::StsParseError, cv::format("'%s' declares %u images of %ux%u; expected a plausible size",
                 path.c_str(), n, h, w));
    cv::Mat bytes(static_cast<int>(n), static_cast<int>(h * w), CV_8U);
    f.read(bytes.data, bytes.total(), "the pixels");
    cv::Mat images = ops::makeTensor({static_cast<int>(n), 1, static_cast<int>(h), static_cast<int>(w)});
    bytes.convertTo(cv::Mat(bytes.rows, bytes.cols, CV_32F, images.data), CV_32F, 1.0 / 255);
    return images;
}

std::vector<int> readIdxLabels(const std::string& path) {
    GzFile f(path);
    f.requireMagic(2049, "an IDX1 label file");
    const uint32_t n = f.bigEndian("the label count");
    if (n == 0 || n > (1u << 28))
        CV_Error(cv::Error::StsParseError, cv::format("'%s' declares %u labels; expected a plausible count",
                 path.c_str(), n));
    std::vector<unsigned char> bytes(n);
    f.read(bytes.data(), n, "the labels");
    return std::vector<int>(bytes.begin(), bytes.end());
}

}  // namespace aecv
