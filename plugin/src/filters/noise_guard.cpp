// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "filters/noise_guard.hpp"

#include <algorithm>

#include <opencv2/imgproc.hpp>

namespace aecv::filters {

namespace {

// e(y - y0, x) = the mean over the colour channels (not alpha) of (dst - src)^2 at (x, y), for the
// rows [y0, y1), in the image's units: one pass over both images, no float copies of them.
template <typename T, int C>
void changeEnergy(const cv::Mat& src, const cv::Mat& dst, int y0, int y1, cv::Mat& e) {
    constexpr int used = C < 3 ? C : 3;
    constexpr float share = 1.0f / used;
    e.create(y1 - y0, src.cols, CV_32F);
#pragma omp parallel for schedule(static)
    for (int y = y0; y < y1; ++y) {
        const T* a = src.ptr<T>(y);
        const T* b = dst.ptr<T>(y);
        float* out = e.ptr<float>(y - y0);
        for (int x = 0; x < src.cols; ++x) {
            float sum = 0;
            for (int c = 0; c < used; ++c) {
                const float d = static_cast<float>(b[C * x + c]) - static_cast<float>(a[C * x + c]);
                sum += d * d;
            }
            out[x] = sum * share;
        }
    }
}

// out(y - top) = src + w (dst - src) for the rows [top, top + out.rows), w(y - wTop, x) one weight
// per pixel (alpha too: its change is 0); 8-bit rounded and saturated, so w near 0 gives the input
// back exactly.
template <typename T, int C>
void blendRows(const cv::Mat& src, const cv::Mat& dst, const cv::Mat& w, int top, int wTop, cv::Mat& out) {
#pragma omp parallel for schedule(static)
    for (int i = 0; i < out.rows; ++i) {
        const T* a = src.ptr<T>(top + i);
        const T* b = dst.ptr<T>(top + i);
        const float* weight = w.ptr<float>(top + i - wTop);
        T* o = out.ptr<T>(i);
        for (int x = 0; x < src.cols; ++x)
            for (int c = 0; c < C; ++c) {
                const float from = static_cast<float>(a[C * x + c]), to = static_cast<float>(b[C * x + c]);
                o[C * x + c] = cv::saturate_cast<T>(from + weight[x] * (to - from));
            }
    }
}

template <typename T, int C>
void blendByChangeEnergyAs(const cv::Mat& src, cv::Mat& dst, int r,
                           const std::function<void(cv::Mat& energyToWeight)>& weightOf) {
    constexpr int kBandRows = 256;
    cv::Mat w, pending, blended;
    int pendingTop = 0;
    // Each band's result is written once the next band has read its halo rows from `dst` (the
    // model's output, not the result).
    const auto flush = [&] {
        if (pending.empty()) return;
        pending.copyTo(dst.rowRange(pendingTop, pendingTop + pending.rows));
    };
    for (int top = 0; top < src.rows; top += kBandRows) {
        const int rows = std::min(kBandRows, src.rows - top);
        // With r rows of halo on both sides (real rows inside the image; reflected only at its
        // top and bottom, as for the whole image), band by band gives what one pass would.
        const int y0 = std::max(0, top - r), y1 = std::min(src.rows, top + rows + r);
        changeEnergy<T, C>(src, dst, y0, y1, w);
        cv::boxFilter(w, w, -1, cv::Size(2 * r + 1, 2 * r + 1), cv::Point(-1, -1), true, cv::BORDER_REFLECT_101);
        weightOf(w);
        blended.create(rows, src.cols, src.type());
        blendRows<T, C>(src, dst, w, top, y0, blended);
        flush();
        std::swap(pending, blended);
        pendingTop = top;
    }
    flush();
}

// dst = src + w (dst - src), w = weightOf(E) per pixel, E the mean over the (2 r + 1)^2 pixels
// around it of the change's energy (the mean of its squares over the colour channels, not alpha;
// in the image's units). In bands of 256 rows: memory stays bounded.
void blendByChangeEnergy(const cv::Mat& src, cv::Mat& dst, int r, const std::function<void(cv::Mat& energyToWeight)>& weightOf) {
    CV_Assert(src.size() == dst.size() && src.type() == dst.type());
    CV_Assert(src.depth() == CV_8U || src.depth() == CV_32F);
    const bool bytes = src.depth() == CV_8U;
    switch (src.channels()) {
    case 1: return (bytes ? blendByChangeEnergyAs<uchar, 1> : blendByChangeEnergyAs<float, 1>)(src, dst, r, weightOf);
    case 3: return (bytes ? blendByChangeEnergyAs<uchar, 3> : blendByChangeEnergyAs<float, 3>)(src, dst, r, weightOf);
    case 4: return (bytes ? blendByChangeEnergyAs<uchar, 4> : blendByChangeEnergyAs<float, 4>)(src, dst, r, weightOf);
    default:
        CV_Error(cv::Error::StsUnsupportedFormat, cv::format("blendByChangeEnergy: %d channels; expected 1, 3 or 4",
                 src.channels()));
    }
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
