// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "filters/noise_guard.hpp"

#include <algorithm>
#include <functional>

#include <opencv2/imgproc.hpp>

namespace aecv::filters {

namespace {

// dst = src + w (dst - src), w = weightOf(E) per pixel, E the mean over the (2 r + 1)^2 pixels
// around it of the change's energy (the mean of its squares over the colour channels, not alpha;
// in the image's units). In bands of 256 rows: memory stays bounded.
void blendByChangeEnergy(const cv::Mat& src, cv::Mat& dst, int r, const std::function<void(cv::Mat& energyToWeight)>& weightOf) {
    CV_Assert(src.size() == dst.size() && src.type() == dst.type());
    const int channels = src.channels(), used = std::min(channels, 3);
    cv::Mat weights = cv::Mat::zeros(1, channels, CV_32F);
    for (int c = 0; c < used; ++c) weights.at<float>(c) = 1.0f / static_cast<float>(used);
    constexpr int kBandRows = 256;
    cv::Mat x, f, change, w, wide, blended, pending;
    int pendingTop = 0;
    // Each band's result is written once the next band has read its halo rows from `dst` (the
    // model's output, not the result).
    const auto flush = [&] {
        if (pending.empty()) return;
        cv::Mat out = dst.rowRange(pendingTop, pendingTop + pending.rows);
        pending.convertTo(out, dst.type());  // 8-bit: rounded, so w near 0 gives the input back exactly
    };
    for (int top = 0; top < src.rows; top += kBandRows) {
        const int rows = std::min(kBandRows, src.rows - top);
        // With r rows of halo on both sides (real rows inside the image; reflected only at its
        // top and bottom, as for the whole image), band by band gives what one pass would.
        const int y0 = std::max(0, top - r), y1 = std::min(src.rows, top + rows + r);
        src.rowRange(y0, y1).convertTo(x, CV_32F);
        dst.rowRange(y0, y1).convertTo(f, CV_32F);
        cv::subtract(f, x, change);
        cv::transform(change.mul(change), w, weights);
        cv::boxFilter(w, w, -1, cv::Size(2 * r + 1, 2 * r + 1), cv::Point(-1, -1), true, cv::BORDER_REFLECT_101);
        weightOf(w);
        const cv::Rect inner(0, top - y0, src.cols, rows);
        if (channels == 1) {
            wide = w(inner);
        } else {
            const std::vector<cv::Mat> copies(static_cast<size_t>(channels), w(inner));
            cv::merge(copies, wide);  // alpha too: its change is 0
        }
        cv::scaleAdd(change(inner).mul(wide), 1.0, x(inner), blended);
        flush();
        std::swap(pending, blended);
        pendingTop = top;
    }
    flush();
}

}  // namespace

void guardAgainstDetailLoss(const cv::Mat& src, cv::Mat& dst, double level, double unit) {
    const double sigma = level * unit / 255.0;
    const double k = 1.0 + (level / kGuardLevelScale) * (level / kGuardLevelScale);
    const double allowed = k * sigma * sigma;
    blendByChangeEnergy(src, dst, kGuardRadius, [allowed](cv::Mat& e) {
        // w = min(1, allowed / E); E = 0 (no change) gives 1, which changes nothing either.
        cv::max(e, 1e-30, e);
        cv::divide(allowed, e, e);
        cv::min(e, 1.0, e);
    });
}

void keepMarkSizedChanges(const cv::Mat& src, cv::Mat& dst, double unit) {
    const double scale = 255.0 / unit, span = kMarkChangeFull - kMarkChangeNone;
    blendByChangeEnergy(src, dst, kMarkRadius, [&](cv::Mat& e) {
        // w = clamp((RMS (of 255) - none) / (full - none), 0, 1)
        cv::sqrt(e, e);
        e.convertTo(e, CV_32F, scale / span, -kMarkChangeNone / span);
        cv::min(cv::max(e, 0.0), 1.0, e);
    });
}

}  // namespace aecv::filters
