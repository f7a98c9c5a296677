// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// The noise level of an image, from its finest diagonal wavelet band.
//
// HH = (a - b - c + d) / 2 over 2x2 cells keeps white noise of std s as std s and cancels flat
// regions, ramps and straight edges; texture leaks in. So the band is cut into blocks of 8x8
// coefficients (16x16 pixels) and the level comes from the quieter blocks: the 10% quantile of
// their mean squares, over the three channels, divided by what that quantile is for pure noise
// (chi-square with 64 degrees of freedom: 0.7813 s^2). Blocks with a clipped pixel (0 or 255)
// are left out, since clipping hides noise, unless fewer than 16 are left (strong noise on a
// bright or dark picture clips every block somewhere: then all count, which reads low, not 0). Images too small for blocks use the median of |HH|
// (/0.6745, Donoho's estimator); an image with no 2x2 cell, or a constant one, has level 0.
#include <aecv/denoiser.hpp>

#include "filters/noise_level.hpp"

#include <algorithm>
#include <cmath>
#include <type_traits>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace aecv {

namespace {

constexpr int kBlock = 8;                 // coefficients per block side
constexpr double kQuantile = 0.1;
constexpr double kPureNoiseQuantile = 0.7813;  // 10% quantile of chi2(64) / 64
constexpr size_t kMinBlocks = 16;              // unclipped blocks needed to leave the clipped out
constexpr double kCoarseQuantile = 0.03;       // the 2x2-means band: its quietest blocks
constexpr double kPureNoiseCoarseQuantile = 0.6949;  // 3% quantile of chi2(64) / 64

}  // namespace

namespace {

// The blocks of kBlock x kBlock cells in `blocksY` block rows of `p` from row `top`: sample x of a
// row at ptr(row)[x * stride + channel], 8-bit (0..255, exact in integers) or float in units of
// 1/255. Each block's mean hh^2 goes to `energies`, or to `clippedEnergies` when a sample in it is
// at or beyond 0.5 / 254.5.
template <typename T>
void blockEnergiesAs(const cv::Mat& p, int channel, int stride, int top, int blocksY, int blocksX, float gain,
                     std::vector<double>& blockSum, std::vector<char>& blockClipped, std::vector<double>& energies,
                     std::vector<double>& clippedEnergies) {
    constexpr bool bytes = std::is_integral_v<T>;
    const T low = bytes ? T(0) : T(0.5f), high = bytes ? T(255) : T(254.5f);  // 8-bit: at; float: beyond
    const auto clippedAt = [&](T v) { return bytes ? (v == low || v == high) : (v < low || v > high); };
    for (int by = 0; by < blocksY; ++by) {
        std::fill(blockSum.begin(), blockSum.end(), 0.0);
        std::fill(blockClipped.begin(), blockClipped.end(), 0);
        for (int y = by * kBlock; y < (by + 1) * kBlock; ++y) {
            const T* r0 = p.ptr<T>(top + 2 * y) + channel;
            const T* r1 = p.ptr<T>(top + 2 * y + 1) + channel;
            for (int bx = 0; bx < blocksX; ++bx) {
                double sum = 0;
                bool clipped = false;
                for (int x = bx * kBlock; x < (bx + 1) * kBlock; ++x) {
                    const T a = r0[2 * x * stride], b = r0[(2 * x + 1) * stride];
                    const T cc = r1[2 * x * stride], d = r1[(2 * x + 1) * stride];
                    if constexpr (bytes) {  // hh = v / 2 exactly: the sum of v^2 / 4 in integers
                        const int v = int(a) - int(b) - int(cc) + int(d);
                        sum += v * v;
                    } else {
                        const float hh = (a - b - cc + d) * 0.5f * gain;
                        sum += static_cast<double>(hh) * hh;
                    }
                    clipped |= clippedAt(a) || clippedAt(b) || clippedAt(cc) || clippedAt(d);
                }
                blockSum[static_cast<size_t>(bx)] += bytes ? 0.25 * sum : sum;
                blockClipped[static_cast<size_t>(bx)] |= static_cast<char>(clipped);
            }
        }
        for (int bx = 0; bx < blocksX; ++bx)
            (blockClipped[static_cast<size_t>(bx)] ? clippedEnergies : energies)
                .push_back(blockSum[static_cast<size_t>(bx)] / (kBlock * kBlock));
    }
}

void blockEnergies(const cv::Mat& p, int channel, int stride, int top, int blocksY, int blocksX, float gain,
                   std::vector<double>& blockSum, std::vector<char>& blockClipped, std::vector<double>& energies,
                   std::vector<double>& clippedEnergies) {
    if (p.depth() == CV_8U)
        return blockEnergiesAs<uchar>(p, channel, stride, top, blocksY, blocksX, gain, blockSum, blockClipped,
                                      energies, clippedEnergies);
    blockEnergiesAs<float>(p, channel, stride, top, blocksY, blocksX, gain, blockSum, blockClipped, energies,
                           clippedEnergies);
}

// The level from one band of the image: `scale` 0 is the pixels, 1 the image of 2x2 means (scaled
// by 2, so white noise keeps its sigma), and so on. `quantile` of the block energies, divided by
// what that quantile is for pure noise (`pureQuantile` s^2).
double bandLevel(const cv::Mat& src, const char* caller, int scale, double quantile, double pureQuantile) {
    if (src.empty()) CV_Error(cv::Error::StsBadArg, cv::format("%s: the image is empty", caller));
    const int depth = src.depth(), channels = src.channels();
    if ((depth != CV_8U && depth != CV_32F) || channels < 1 || channels > 4)
        CV_Error(cv::Error::StsUnsupportedFormat, cv::format("%s: the image has type %s; expected "
                 "CV_8U or CV_32F with 1 to 4 channels", caller, cv::typeToString(src.type()).c_str()));
    const int used = std::min(channels, 3);  // alpha is not picture
    const int step = 1 << scale;             // pixels per band sample along each axis
    const float gain = static_cast<float>(step);  // 2x2 means of white noise have sigma / 2 per level
    const int sampledRows = src.rows / step, sampledCols = src.cols / step;
    const int cellsY = sampledRows / 2, cellsX = sampledCols / 2;
    if (cellsY == 0 || cellsX == 0) return 0.0;

    const int blocksY = cellsY / kBlock, blocksX = cellsX / kBlock;
    std::vector<double> energies, clippedEnergies, magnitudes;
    energies.reserve(static_cast<size_t>(blocksY) * blocksX * used);
    std::vector<double> blockSum(static_cast<size_t>(blocksX));
    std::vector<char> blockClipped(static_cast<size_t>(blocksX));
    // In bands of rows (64 block rows), each converted on its own: a huge image needs no float
    // copy of itself. Every channel in units of 1/255, so the level reads as a sigma "of 255" for
    // both depths.
    const int bandBlocks = 64, bandRows = blocksY > 0 ? bandBlocks * 2 * kBlock : 2 * cellsY;
    cv::Mat f;
    std::vector<cv::Mat> planes;
    const int usedRows = blocksY > 0 ? 2 * kBlock * blocksY : 2 * cellsY;  // in band samples
    for (int top = 0; top < usedRows; top += bandRows) {
        const int rows = std::min(bandRows, usedRows - top);
        const int bandCellsY = rows / 2, bandBlocksY = bandCellsY / kBlock;
        if (depth == CV_8U && step == 1 && blocksY > 0 && blocksX > 0) {  // straight from the pixels
            for (int c = 0; c < used; ++c)
                blockEnergies(src, c, channels, top, bandBlocksY, blocksX, 1.0f, blockSum, blockClipped, energies,
                              clippedEnergies);
            continue;
        }
        src(cv::Rect(0, top * step, sampledCols * step, rows * step)).convertTo(f, CV_32F, depth == CV_8U ? 1.0 : 255.0);
        if (step > 1) cv::resize(f, f, cv::Size(sampledCols, rows), 0, 0, cv::INTER_AREA);  // means of step x step
        cv::split(f, planes);
        for (int c = 0; c < used; ++c) {
            const cv::Mat& p = planes[static_cast<size_t>(c)];
            if (blocksY == 0 || blocksX == 0) {  // small: the median of |HH| over every cell
                for (int y = 0; y < bandCellsY; ++y) {
                    const float* r0 = p.ptr<float>(2 * y);
                    const float* r1 = p.ptr<float>(2 * y + 1);
                    for (int x = 0; x < cellsX; ++x)
                        magnitudes.push_back(std::abs(r0[2 * x] - r0[2 * x + 1] - r1[2 * x] + r1[2 * x + 1]) * 0.5 * gain);
                }
                continue;
            }
            blockEnergies(p, 0, 1, 0, bandBlocksY, blocksX, gain, blockSum, blockClipped, energies, clippedEnergies);
        }
    }
    if (!magnitudes.empty()) {
        auto mid = magnitudes.begin() + static_cast<std::ptrdiff_t>(magnitudes.size() / 2);
        std::nth_element(magnitudes.begin(), mid, magnitudes.end());
        return *mid / 0.6745;
    }
    if (energies.size() < kMinBlocks)
        energies.insert(energies.end(), clippedEnergies.begin(), clippedEnergies.end());
    if (energies.empty()) return 0.0;
    auto q = energies.begin() + static_cast<std::ptrdiff_t>(quantile * static_cast<double>(energies.size() - 1));
    std::nth_element(energies.begin(), q, energies.end());
    return std::sqrt(*q / pureQuantile);
}

}  // namespace

double estimateNoiseLevel(cv::InputArray image) {
    return bandLevel(image.getMat(), "estimateNoiseLevel", 0, kQuantile, kPureNoiseQuantile);
}

namespace filters {

double estimateCoarseNoiseLevel(const cv::Mat& image) {
    return bandLevel(image, "estimateCoarseNoiseLevel", 1, kCoarseQuantile, kPureNoiseCoarseQuantile);
}

}  // namespace filters

}  // namespace aecv
