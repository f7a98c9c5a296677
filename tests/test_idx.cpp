// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <zlib.h>

#include <fstream>

#include <aecv/idx.hpp>
#include "models.hpp"
#include "support.hpp"

using namespace aecv;

namespace {

std::string idxImages(uint32_t magic, uint32_t n, uint32_t h, uint32_t w, size_t pixels) {
    std::string s;
    for (uint32_t v : {magic, n, h, w})
        for (int shift = 24; shift >= 0; shift -= 8) s += static_cast<char>((v >> shift) & 0xff);
    for (size_t i = 0; i < pixels; ++i) s += static_cast<char>(i % 256);
    return s;
}

void writeGz(const std::string& path, const std::string& data) {
    gzFile f = gzopen(path.c_str(), "wb");
    REQUIRE(f != nullptr);
    gzwrite(f, data.data(), static_cast<unsigned>(data.size()));
    gzclose(f);
}

}  // namespace

TEST_CASE("IDX images: values scaled to [0, 1], clear errors for bad files") {
    test::TempDir dir;
    writeGz(dir.file("ok.gz"), idxImages(2051, 3, 2, 5, 30));
    const cv::Mat m = readIdxImages(dir.file("ok.gz"));
    CHECK(ops::shapeOf(m) == ops::Shape{3, 1, 2, 5});
    CHECK(m.ptr<float>()[0] == 0.f);
    CHECK(m.ptr<float>()[29] == doctest::Approx(29.0 / 255));

    writeGz(dir.file("magic.gz"), idxImages(2049, 3, 2, 5, 30));
    CHECK(test::thrownMessage([&] { readIdxImages(dir.file("magic.gz")); }) ==
          "'" + dir.file("magic.gz") + "' has IDX magic 2049; expected 2051 (an IDX3 image file)");
    writeGz(dir.file("short.gz"), idxImages(2051, 3, 2, 5, 29));
    CHECK(test::thrownMessage([&] { readIdxImages(dir.file("short.gz")); }) ==
          "'" + dir.file("short.gz") + "' is truncated: it ends while reading the pixels");

    // A gzip stream cut in the middle.
    writeGz(dir.file("big.gz"), idxImages(2051, 100, 28, 28, 78400));
    std::ifstream in(dir.file("big.gz"), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::ofstream(dir.file("cut.gz"), std::ios::binary) << bytes.substr(0, bytes.size() / 2);
    const std::string cut = test::thrownMessage([&] { readIdxImages(dir.file("cut.gz")); });
    CHECK((cut.find("is truncated") != std::string::npos || cut.find("is corrupt") != std::string::npos));
    CHECK(test::thrownMessage([&] { readIdxLabels(dir.file("none.gz")); }) ==
          "cannot open '" + dir.file("none.gz") + "'");
}
