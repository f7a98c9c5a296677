// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// aecv-quality, run as a user would: the shipped filters against the classical methods.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "support.hpp"

using namespace aecv;

namespace {

// The numbers of the table row that starts with `row` ("| 25 |", "| whole photo |").
std::vector<double> tableRow(const std::string& out, const std::string& row) {
    std::vector<double> values;
    const size_t at = out.find(row);
    if (at == std::string::npos) return values;
    const std::string line = out.substr(at + row.size(), out.find('\n', at) - at - row.size());
    for (size_t p = line.find("| "); p != std::string::npos; p = line.find("| ", p + 1))
        values.push_back(std::strtod(line.c_str() + p + 2, nullptr));
    return values;
}

std::string tool(const std::string& args) { return std::string(AECV_QUALITY_TOOL) + " " + args; }

// The --per-photo table under `header`: each row's first cell (the photo) and its number in
// column `column` (1: the one after the photo).
struct PerPhoto {
    std::vector<std::string> names;
    std::vector<double> values;
};
PerPhoto perPhotoTable(const std::string& out, const std::string& header, int column) {
    PerPhoto t;
    const size_t table = out.find(header);
    if (table == std::string::npos) return t;
    std::istringstream lines(out.substr(out.find('\n', out.find("|---", table)) + 1));
    for (std::string line; std::getline(lines, line) && line.rfind("| ", 0) == 0;) {
        size_t cell = line.find(" | ", 2);
        t.names.push_back(line.substr(2, cell - 2));
        for (int c = 1; c < column; ++c) cell = line.find(" | ", cell + 3);
        t.values.push_back(std::strtod(line.c_str() + cell + 3, nullptr));
    }
    return t;
}

}  // namespace

TEST_CASE("aecv-quality denoise: the shipped denoiser leaves clean photos and beats the classical filters on Gaussian noise") {
    const test::CommandResult r = test::runCommand(tool("denoise --sigmas 25 --light dark,noiseless --max-width 160"));
    CAPTURE(r.out);
    REQUIRE(r.status == 0);
    CHECK(r.out.find("19 held-out photos") != std::string::npos);
    const std::string cleanLine = "clean photos: PSNR(output, input) ";
    const size_t clean = r.out.find(cleanLine);
    REQUIRE(clean != std::string::npos);
    // Measured at this size (the 4-level denoiser shipped 2026-12-06, with the guard of
    // filters/noise_guard.hpp as relaxed on 2026-12-07): 65.35 dB on average, median 58.98 dB
    // (issue 14's target: 42).
    CHECK(std::strtod(r.out.c_str() + clean + cleanLine.size(), nullptr) > 42);
    const size_t median = r.out.find("median ", clean);
    REQUIRE(median != std::string::npos);
    CHECK(std::strtod(r.out.c_str() + median + 7, nullptr) > 42);
    // Measured: Gaussian 25: 20.95 / 28.18 / 25.91 / 29.39 dB, worst photo +3.85; camera, dark:
    // 22.86 / 24.94 / 24.39 / 26.77 dB, worst photo +0.92: above the best bilateral filter (an
    // oracle's choice of its parameters) by 1.83 dB (1.01 with the strict guard before; the
    // 3-level model before it: 0.08 below); issue 14 asks 1.5 at 640 px.
    for (const char* row : {"| Gaussian 25 ", "| camera, dark "}) {
        CAPTURE(row);
        const std::vector<double> v = tableRow(r.out, row);  // noisy, bilateral, non-local means, aecv
        REQUIRE(v.size() == 4);
        CHECK(v[1] > v[0]);
        CHECK(v[2] > v[0]);
        CHECK(v[3] > v[1] + (std::string(row) == "| camera, dark " ? 1.5 : 1.0));
        CHECK(v[3] > v[2]);
        const size_t worst = r.out.find("(worst photo ", r.out.find(row));
        REQUIRE(worst != std::string::npos);
        CHECK(std::strtod(r.out.c_str() + worst + 13, nullptr) > 0);  // better than its input on every photo
    }
    // The camera's path with no sensor noise: what demosaicing and JPEG alone cost, well above
    // the dark row (measured at this size: 27.36 dB, bilateral 27.70, non-local means 27.57, aecv
    // 28.71, worst photo -0.17 dB: apple.jpg, whose own grain it takes away). The denoiser takes
    // out part of the bilinear demosaicing's error too (27.70 with the strict guard before).
    const std::vector<double> floor = tableRow(r.out, "| camera, noiseless (demosaicing and JPEG only) ");
    const std::vector<double> dark = tableRow(r.out, "| camera, dark ");
    REQUIRE(floor.size() == 4);
    REQUIRE(dark.size() == 4);
    CHECK(floor[0] > dark[0] + 3);
    CHECK(floor[3] > floor[1] + 0.5);
    const size_t worst = r.out.find("(worst photo ", r.out.find("| camera, noiseless"));
    REQUIRE(worst != std::string::npos);
    CHECK(std::strtod(r.out.c_str() + worst + 13, nullptr) > -0.5);
}

TEST_CASE("aecv-quality denoise --per-photo: each clean photo's level and PSNR, worst first") {
    const test::CommandResult r = test::runCommand(tool("denoise --sigmas '' --light none --per-photo --max-width 160"));
    CAPTURE(r.out);
    REQUIRE(r.status == 0);
    const PerPhoto t = perPhotoTable(r.out, "| clean photo | size | level | PSNR(output, input) |", 3);
    const std::vector<double>& psnr = t.values;
    REQUIRE_FALSE(t.names.empty());
    const std::string& firstName = t.names.front();
    CHECK(psnr.size() == 19);
    CHECK(std::is_sorted(psnr.begin(), psnr.end()));
    CHECK(r.out.find(cv::format("%.2f dB at worst (%s)", psnr.front(), firstName.c_str())) != std::string::npos);
    CHECK(r.out.find("| noise | noisy |") != std::string::npos);  // the table is there, with no rows
    CHECK(r.out.find("| Gaussian") == std::string::npos);
}

TEST_CASE("aecv-quality watermark: the shipped remover restores, and bad usage exits 2") {
    const test::CommandResult r = test::runCommand(tool("watermark --max-width 320 --per-photo"));
    CAPTURE(r.out);
    REQUIRE(r.status == 0);
    CHECK(r.out.find("aecv::Watermark::random(Set::HeldOut)") != std::string::npos);
    // --per-photo: a line per held-out photo, worst gain first, the first being the worst named below
    const PerPhoto t = perPhotoTable(r.out, "| photo (worst first) | gain |", 1);
    const std::vector<double>& gains = t.values;
    REQUIRE_FALSE(t.names.empty());
    const std::string& firstName = t.names.front();
    CHECK(gains.size() == 19);
    CHECK(std::is_sorted(gains.begin(), gains.end()));
    CHECK(r.out.find(cv::format("gain over its input %.2f dB at worst (%s)", gains.front(), firstName.c_str())) !=
          std::string::npos);
    // marked, Telea, NS (true mask), aecv (its own mask), aecv inpaint (true mask)
    const std::vector<double> whole = tableRow(r.out, "| whole photo ");
    REQUIRE(whole.size() == 5);
    CHECK(whole[1] > whole[0]);  // cv::inpaint given the true mask (measured 32.73 -> 39.70 dB)
    CHECK(whole[4] > whole[0]);  // the shipped inpainter given the true mask (39.52 dB)
    const std::vector<double> inside = tableRow(r.out, "| inside the marks ");
    REQUIRE(inside.size() == 5);
    // The shipped remover on its own restores only the marks its two restorations agree on, and
    // never makes a marked photo worse (measured at 320 px: 16.06 -> 17.45 dB inside the marks,
    // 0.00 dB at worst; unmarked, one photo is touched at this scale: stuff.jpg, 38.76 dB)
    CHECK(inside[3] > inside[0]);
    CHECK(whole[3] > whole[0]);
    CHECK(gains.front() >= -0.1);
    CHECK(r.out.find("0 of 19 photos more than 0.1 dB worse") != std::string::npos);
    CHECK(inside[4] > inside[0] + 5);  // the shipped inpainter (23.37 dB; cv::inpaint NS 24.14)
    // The shipped remover's inpaint() hands the caller's mask to the inpainter it restores with
    // (metadata restore_with): the inpainter's own numbers
    const test::CommandResult chained = test::runCommand(tool("watermark --max-width 320 --classical 0 --inpaint-model remover"));
    REQUIRE(chained.status == 0);
    const std::vector<double> chainedWhole = tableRow(chained.out, "| whole photo "),
                              chainedInside = tableRow(chained.out, "| inside the marks ");
    REQUIRE(chainedWhole.size() == 5);
    REQUIRE(chainedInside.size() == 5);
    CHECK(chainedWhole[4] == whole[4]);
    CHECK(chainedInside[4] == inside[4]);
    CHECK(chainedWhole[3] == whole[3]);  // the remover's own column is the same run
    // The inpainter against the remover without a mask (shipped as the detector's second opinion),
    // whose inpaint() blends its restoration in by the mask (measured: whole photo 36.54, inside
    // the marks 19.97 dB); it says it has no mask
    const std::string nomask = std::string(AECV_SOURCE_DIR) + "/samples/models/unwatermark-nomask.onnx";
    const test::CommandResult before =
        test::runCommand(tool("watermark --max-width 320 --classical 0 --inpaint-model remover --model " + nomask));
    REQUIRE(before.status == 0);
    const std::vector<double> removerWhole = tableRow(before.out, "| whole photo "),
                              removerInside = tableRow(before.out, "| inside the marks ");
    REQUIRE(removerWhole.size() == 5);
    REQUIRE(removerInside.size() == 5);
    CHECK(whole[4] > removerWhole[4] + 1);
    CHECK(inside[4] > removerInside[4] + 2);
    CHECK(before.out.find("mask: this model has none (it repaints the whole picture)") != std::string::npos);
    // the shipped remover finds the marks: unmarked photos are reported, and its mask's IoU
    const size_t unmarked = r.out.find("unmarked photos: PSNR(output, input) ");
    REQUIRE(unmarked != std::string::npos);
    CHECK(std::strtod(r.out.c_str() + unmarked + 37, nullptr) > 30);
    // ... with how many come back bit-exact (cv::PSNR reads those as 361 dB; measured 18 of 19 at 320 px)
    CHECK(r.out.find(" of 19 come back bit-exact\n", unmarked) != std::string::npos);
    CHECK(before.out.find("; 0 of 19 come back bit-exact\n") != std::string::npos);  // the maskless remover repaints
    CHECK(r.out.find("mask: IoU (found > 0.5 against alpha > 0.05) ") != std::string::npos);
    const test::CommandResult ramp = test::runCommand(tool("watermark --mask-ramp 0.5"));
    CHECK(ramp.status == 2);
    CHECK(ramp.out.find("error: --mask-ramp is '0.5'; expected LOW,HIGH (e.g. 0.3,0.7)") != std::string::npos);
    const test::CommandResult within = test::runCommand(tool("watermark --confirm-within 1.5"));
    CHECK(within.status == 2);
    CHECK(within.out.find("error: WatermarkRemover::setConfirmWithin: 1.5; expected a share in (0, 1]") != std::string::npos);
    const test::CommandResult zero = test::runCommand(tool("watermark --confirm-within 0"));  // not "the model's"
    CHECK(zero.status == 2);
    CHECK(zero.out.find("error: WatermarkRemover::setConfirmWithin: 0; expected a share in (0, 1]") != std::string::npos);
    const test::CommandResult scale = test::runCommand(tool("watermark --detect-scale 0.2"));
    CHECK(scale.status == 2);
    CHECK(scale.out.find("error: WatermarkRemover::setDetectScale: 0.2; expected a scale in [0.25, 1]") != std::string::npos);

    const test::CommandResult bad = test::runCommand(tool("denoise --sigmas 25,x"));
    CHECK(bad.status == 2);
    CHECK(bad.out.find("error: --sigmas: 'x' is not a sigma in (0, 255] (see aecv-quality --help)") != std::string::npos);
    CHECK(test::runCommand(tool("sharpen")).status == 2);
    const test::CommandResult strong = test::runCommand(tool("denoise --strength 80"));
    CHECK(strong.status == 2);
    CHECK(strong.out.find("error: --strength is 80; expected a sigma (of 255) from 0 to 75") != std::string::npos);
}

TEST_CASE("aecv-quality watermark --styles typical: fixed marks as people put them on photos, whatever the seed") {
    const test::CommandResult r = test::runCommand(tool("watermark --styles typical --max-width 200 --classical 0"));
    CAPTURE(r.out);
    REQUIRE(r.status == 0);
    CHECK(r.out.find("1 watermark(s) per photo, typical marks in held-out fonts and words (in turn: a large white word, "
                     "a large black one, a tiled pattern, a corner credit, a turned word)") != std::string::npos);
    const std::vector<double> whole = tableRow(r.out, "| whole photo "), inside = tableRow(r.out, "| inside the marks ");
    REQUIRE(whole.size() == 5);
    REQUIRE(inside.size() == 5);
    // Given where the marks are, the shipped inpainter takes them out (measured at 200 px: 15.75 ->
    // 23.02 dB inside them); the remover on its own restores none of them at this size (30.03 dB
    // whole, as marked), but harms no photo.
    CHECK(inside[4] > inside[0] + 5);
    CHECK(r.out.find("0 of 19 photos more than 0.1 dB worse") != std::string::npos);
    // The marks are fixed: another seed draws the same ones, and two marks per photo are two styles.
    const test::CommandResult seeded = test::runCommand(tool("watermark --styles typical --max-width 200 --classical 0 --seed 7"));
    REQUIRE(seeded.status == 0);
    CHECK(tableRow(seeded.out, "| whole photo ") == whole);
    const test::CommandResult two = test::runCommand(tool("watermark --styles typical --max-width 200 --classical 0 --marks 2"));
    REQUIRE(two.status == 0);
    const std::vector<double> twoWhole = tableRow(two.out, "| whole photo ");
    REQUIRE(twoWhole.size() == 5);
    CHECK(twoWhole[0] < whole[0] - 1);
    const test::CommandResult bad = test::runCommand(tool("watermark --styles stock"));
    CHECK(bad.status == 2);
    CHECK(bad.out.find("error: --styles is 'stock'; expected held-out, training or typical") != std::string::npos);
}

TEST_CASE("aecv-quality denoise --strength 0: the filter returns its input, so its column equals the noisy one") {
    const test::CommandResult r = test::runCommand(tool("denoise --strength 0 --sigmas 25 --light none --max-width 96"));
    CAPTURE(r.out);
    REQUIRE(r.status == 0);
    CHECK(r.out.find("clean photos: PSNR(output, input) 100.00 dB on average, median 100.00 dB, 100.00 dB at worst") !=
          std::string::npos);
    CHECK(r.out.find("(strength 0.00 set)") != std::string::npos);
    const std::vector<double> v = tableRow(r.out, "| Gaussian 25 ");
    REQUIRE(v.size() == 4);
    CHECK(v[3] == doctest::Approx(v[0]).epsilon(1e-9));
}
