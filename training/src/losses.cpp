// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "losses.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "ops/tensor.hpp"
#include "simd.hpp"

namespace aecv::train {

using ops::shapeOf;

namespace {

// Checks prediction and target agree; sizes `grad` like the prediction; returns n.
size_t prepare(const cv::Mat& y, const cv::Mat& t, cv::Mat& dy, const char* loss) {
    ops::requireTensor(y, loss);
    ops::requireShape(t, shapeOf(y), (std::string(loss) + " target").c_str());
    ops::ensureTensor(dy, shapeOf(y));
    return y.total();
}

}  // namespace

double mseLoss(const cv::Mat& y, const cv::Mat& t, cv::Mat& dy) {
    const size_t n = prepare(y, t, dy, "MSE loss prediction");
    const float* a = y.ptr<float>();
    const float* b = t.ptr<float>();
    float* d = dy.ptr<float>();
    const float scale = 2.f / static_cast<float>(n);
    double sum = 0;
    for (size_t i = 0; i < n; ++i) {
        const float e = a[i] - b[i];
        sum += static_cast<double>(e) * e;
        d[i] = scale * e;
    }
    return sum / static_cast<double>(n);
}

double weightedMseLoss(const cv::Mat& y, const cv::Mat& t, const std::vector<float>& w, cv::Mat& dy) {
    const size_t n = prepare(y, t, dy, "MSE loss prediction");
    if (w.size() != static_cast<size_t>(y.size[0]))
        CV_Error(cv::Error::StsUnmatchedSizes, cv::format("MSE loss: %zu sample weights for %d samples", w.size(), y.size[0]));
    const size_t perSample = n / w.size();
    const float* a = y.ptr<float>();
    const float* b = t.ptr<float>();
    float* d = dy.ptr<float>();
    double sum = 0;
    for (size_t s = 0; s < w.size(); ++s) {
        const float scale = 2.f * w[s] / static_cast<float>(n);
        double part = 0;
        for (size_t i = s * perSample; i < (s + 1) * perSample; ++i) {
            const float e = a[i] - b[i];
            part += static_cast<double>(e) * e;
            d[i] = scale * e;
        }
        sum += w[s] * part;
    }
    return sum / static_cast<double>(n);
}

double maskedMseLoss(const cv::Mat& y, const cv::Mat& t, const cv::Mat& x, cv::Mat& dy) {
    prepare(y, t, dy, "masked MSE loss prediction");
    const ops::Shape& s = shapeOf(y);
    if (s.size() != 4 || s[1] != 3)
        CV_Error(cv::Error::StsBadArg, cv::format("masked MSE loss: the prediction is %s; expected [N, 3, H, W]",
                 ops::toString(s).c_str()));
    if (x.dims != 4 || x.size[0] != s[0] || x.size[1] < 4 || x.size[2] != s[2] || x.size[3] != s[3])
        CV_Error(cv::Error::StsBadArg, cv::format("masked MSE loss input (the image and its mask) has shape %s; "
                 "expected [%d, 4 or more, %d, %d]", ops::toString(ops::shapeOf(x)).c_str(), s[0], s[2], s[3]));
    const size_t plane = static_cast<size_t>(s[2]) * static_cast<size_t>(s[3]);
    double masked = 0;
    for (int i = 0; i < s[0]; ++i) {
        const float* m = x.ptr<float>(i, 3);
        for (size_t k = 0; k < plane; ++k) masked += m[k];
    }
    const double denominator = 3.0 * std::max(masked, 1.0);
    const float scale = static_cast<float>(2.0 / denominator);
    double sum = 0;
    for (int i = 0; i < s[0]; ++i) {
        const float* m = x.ptr<float>(i, 3);
        for (int c = 0; c < 3; ++c) {
            const float* a = y.ptr<float>(i, c);
            const float* b = t.ptr<float>(i, c);
            float* d = dy.ptr<float>(i, c);
            for (size_t k = 0; k < plane; ++k) {
                const float e = a[k] - b[k];
                sum += static_cast<double>(m[k]) * e * e;
                d[k] = scale * m[k] * e;
            }
        }
    }
    return sum / denominator;
}

double unblendLoss(const cv::Mat& x, const cv::Mat& c, const cv::Mat& a, const cv::Mat& t, const cv::Mat& m,
                   float alphaWeight, cv::Mat& dc, cv::Mat& da) {
    const size_t n = prepare(c, t, dc, "unblend loss colour");
    ops::requireShape(x, shapeOf(c), "unblend loss input");
    const ops::Shape& s = shapeOf(c);
    if (s.size() != 4 || s[1] != 3)
        CV_Error(cv::Error::StsBadArg, cv::format("unblend loss: the colour is %s; expected [N, 3, H, W]",
                 ops::toString(s).c_str()));
    ops::requireShape(a, {s[0], 1, s[2], s[3]}, "unblend loss alpha");
    ops::requireShape(m, {s[0], 1, s[2], s[3]}, "unblend loss true alpha");
    const double alphaLoss = bceLoss(a, m, da) * alphaWeight;  // the alpha's only gradient
    float* dA = da.ptr<float>();
    for (size_t i = 0; i < da.total(); ++i) dA[i] *= alphaWeight;
    const size_t plane = static_cast<size_t>(s[2]) * static_cast<size_t>(s[3]);
    const float scale = 2.f / static_cast<float>(n);
    double blend = 0;
    for (int b = 0; b < s[0]; ++b) {
        const float* truth = m.ptr<float>(b);
        for (int ch = 0; ch < 3; ++ch) {
            const float* xi = x.ptr<float>(b, ch);
            const float* ci = c.ptr<float>(b, ch);
            const float* ti = t.ptr<float>(b, ch);
            float* dci = dc.ptr<float>(b, ch);
            for (size_t i = 0; i < plane; ++i) {
                const float w = 1.f / (1.f - std::min(truth[i], kUnblendMaxWeightAlpha));
                const float e = w * (xi[i] - truth[i] * ci[i] - (1.f - truth[i]) * ti[i]);
                blend += static_cast<double>(e) * e;
                dci[i] = -scale * w * e * truth[i];
            }
        }
    }
    return blend / static_cast<double>(n) + alphaLoss;
}

namespace {

cv::Mat& markedScratch() {  // the binary mask target, reused between steps (one per thread)
    thread_local cv::Mat scratch;
    return scratch;
}

}  // namespace

double detectRestoreLoss(const cv::Mat& y, const cv::Mat& p, const cv::Mat& t, const cv::Mat& m, float maskWeight,
                         float diceWeight, cv::Mat& dy, cv::Mat& dp) {
    ops::requireTensor(y, "detect-restore loss picture");
    const ops::Shape& s = shapeOf(y);
    if (s.size() != 4 || s[1] != 3)
        CV_Error(cv::Error::StsBadArg, cv::format("detect-restore loss: the picture is %s; expected [N, 3, H, W]",
                 ops::toString(s).c_str()));
    ops::requireShape(p, {s[0], 1, s[2], s[3]}, "detect-restore loss mask");
    ops::requireShape(m, {s[0], 1, s[2], s[3]}, "detect-restore loss true alpha");
    ops::ensureTensor(markedScratch(), shapeOf(m));
    cv::Mat& truth = markedScratch();
    const float* alpha = m.ptr<float>();
    float* marked = truth.ptr<float>();
    for (size_t i = 0; i < m.total(); ++i) marked[i] = alpha[i] > kMarkedAlpha ? 1.f : 0.f;
    const double mask = bceLoss(p, truth, dp) * maskWeight;
    float* d = dp.ptr<float>();
    for (size_t i = 0; i < dp.total(); ++i) d[i] *= maskWeight;
    double dice = 0;
    if (diceWeight != 0.f) {  // per sample, so that ranks holding parts of a batch add up to the batch
        const size_t plane = static_cast<size_t>(s[2]) * static_cast<size_t>(s[3]);
        const double weight = static_cast<double>(diceWeight) / s[0];
        for (int n = 0; n < s[0]; ++n) {
            const float* prob = p.ptr<float>(n);
            const float* on = marked + static_cast<size_t>(n) * plane;
            float* dn = d + static_cast<size_t>(n) * plane;
            const double smooth = std::max(1.0, kDiceSmoothShare * static_cast<double>(plane));
            double overlap = 0, sum = smooth;  // I and S of the formula (S with its + e)
            for (size_t i = 0; i < plane; ++i) {
                overlap += static_cast<double>(prob[i]) * on[i];
                sum += static_cast<double>(prob[i]) + on[i];
            }
            dice += weight * (1.0 - (2.0 * overlap + smooth) / sum);
            const double base = weight * (2.0 * overlap + smooth) / (sum * sum), onMark = weight * 2.0 / sum;
            for (size_t i = 0; i < plane; ++i) dn[i] += static_cast<float>(base - onMark * on[i]);
        }
    }
    return mseLoss(y, t, dy) + mask + dice;
}

double l1Loss(const cv::Mat& y, const cv::Mat& t, cv::Mat& dy) {
    const size_t n = prepare(y, t, dy, "L1 loss prediction");
    const float* a = y.ptr<float>();
    const float* b = t.ptr<float>();
    float* d = dy.ptr<float>();
    const float step = 1.f / static_cast<float>(n);
    double sum = 0;
    for (size_t i = 0; i < n; ++i) {
        const float e = a[i] - b[i];
        sum += std::abs(e);
        d[i] = e > 0 ? step : e < 0 ? -step : 0.f;
    }
    return sum / static_cast<double>(n);
}

namespace {

// Natural logarithm of a normal, positive float (Cephes' logf: x = m 2^e with m in [sqrt(1/2),
// sqrt(2)), log(1 + f) by a degree-9 polynomial; about 1 ulp), in plain arithmetic that GCC
// vectorises, where std::log stays scalar and cv::log needs a pass of its own.
inline float logOfNormal(float x) {
    uint32_t bits;
    std::memcpy(&bits, &x, sizeof bits);
    float e = static_cast<float>(static_cast<int>(bits >> 23) - 126);  // x = m 2^e, m in [1/2, 1)
    bits = (bits & 0x007fffffu) | 0x3f000000u;
    float m;
    std::memcpy(&m, &bits, sizeof m);
    const bool small = m < 0.707106781186547524f;
    e = small ? e - 1.f : e;
    const float f = small ? m + m - 1.f : m - 1.f;
    const float z = f * f;
    float y = 7.0376836292e-2f;
    y = y * f - 1.1514610310e-1f;
    y = y * f + 1.1676998740e-1f;
    y = y * f - 1.2420140846e-1f;
    y = y * f + 1.4249322787e-1f;
    y = y * f - 1.6668057665e-1f;
    y = y * f + 2.0000714765e-1f;
    y = y * f - 2.4999993993e-1f;
    y = y * f + 3.3333331174e-1f;
    y = y * f * z;
    y += -2.12194440e-4f * e - 0.5f * z;
    return f + y + 0.693359375f * e;
}

// Elements [first, last) of the BCE: returns sum(t log q + (1 - t) log(1 - q)) with q the clamped
// prediction, writes the gradient of the mean (`scale` = 1/n), in one pass. The gradient is the
// same on every CPU; the sum's last bits are not (its vector width differs).
AECV_CLONES float bceChunk(const float* __restrict p, const float* __restrict t, float* __restrict d, size_t first, size_t last,
               float scale) {
    float sum = 0.f;
#pragma omp simd reduction(+ : sum)
    for (size_t i = first; i < last; ++i) {
        const float q = p[i] < kBceEps ? kBceEps : p[i] > 1.f - kBceEps ? 1.f - kBceEps : p[i];
        const float logQ = logOfNormal(q), log1mQ = logOfNormal(1.f - q);
        // q - q: 0, or NaN for a NaN prediction, which neither clamp catches and logOfNormal's bit
        // arithmetic would turn into a finite number: the loss must say the run has diverged.
        sum += log1mQ + t[i] * (logQ - log1mQ) + (q - q);
        const float g = (q - t[i]) / (q * (1.f - q)) * scale;
        d[i] = q != p[i] ? 0.f : g;  // no gradient where the prediction was clamped, as Keras
    }
    return sum;
}

}  // namespace

double bceLoss(const cv::Mat& p, const cv::Mat& t, cv::Mat& dp) {
    const size_t n = prepare(p, t, dp, "BCE loss prediction");
    // In a fixed number of chunks over the OpenMP threads: the same sum whatever the thread
    // count. (Nine passes of OpenCV's vectorised functions took 220 us for a VAE batch of 128
    // images on two threads, a tenth of a step.)
    constexpr int kChunks = 4;
    const float scale = static_cast<float>(1.0 / static_cast<double>(n));
    double sums[kChunks] = {};
#pragma omp parallel for schedule(static) if (n >= 16384)
    for (int k = 0; k < kChunks; ++k)
        sums[k] = bceChunk(p.ptr<float>(), t.ptr<float>(), dp.ptr<float>(), n * static_cast<size_t>(k) / kChunks,
                           n * static_cast<size_t>(k + 1) / kChunks, scale);
    double sum = 0;
    for (double s : sums) sum += s;
    return -sum / static_cast<double>(n);
}

double bceWithLogitsLoss(const cv::Mat& x, const cv::Mat& t, cv::Mat& dx) {
    const size_t n = prepare(x, t, dx, "BCE-with-logits loss prediction");
    const float* a = x.ptr<float>();
    const float* b = t.ptr<float>();
    float* d = dx.ptr<float>();
    const double invN = 1.0 / static_cast<double>(n);
    double sum = 0;
    for (size_t i = 0; i < n; ++i) {
        const double v = a[i];
        sum += std::max(v, 0.0) - v * b[i] + std::log1p(std::exp(-std::abs(v)));
        d[i] = static_cast<float>((1.0 / (1.0 + std::exp(-v)) - b[i]) * invN);
    }
    return sum * invN;
}

double klDivergenceLoss(const cv::Mat& mu, const cv::Mat& logvar, float weight, cv::Mat& dMu, cv::Mat& dLogvar) {
    ops::requireTensor(mu, "KL loss mean");
    if (mu.dims != 2)
        CV_Error(cv::Error::StsBadSize, cv::format("KL loss mean has shape %s; expected [N, D]",
                 ops::toString(shapeOf(mu)).c_str()));
    ops::requireShape(logvar, shapeOf(mu), "KL loss log-variance");
    ops::ensureTensor(dMu, shapeOf(mu));
    ops::ensureTensor(dLogvar, shapeOf(mu));
    const size_t n = mu.total();
    const double batch = mu.size[0];
    const float* m = mu.ptr<float>();
    const float* lv = logvar.ptr<float>();
    float* dm = dMu.ptr<float>();
    float* dlv = dLogvar.ptr<float>();
    const double scale = weight / batch;
    double sum = 0;
    for (size_t i = 0; i < n; ++i) {
        const double e = std::exp(static_cast<double>(lv[i]));
        sum += -0.5 * (1.0 + lv[i] - static_cast<double>(m[i]) * m[i] - e);
        dm[i] = static_cast<float>(scale * m[i]);
        dlv[i] = static_cast<float>(scale * 0.5 * (e - 1.0));
    }
    return sum * scale;
}

}  // namespace aecv::train
