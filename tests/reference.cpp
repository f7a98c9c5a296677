// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "reference.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace aecv::test {

using ops::ActivationKind;

float activate(const ops::Activation& a, float x) {
    switch (a.kind) {
    case ActivationKind::Identity: return x;
    case ActivationKind::ReLU: return std::max(x, 0.f);
    case ActivationKind::LeakyReLU: return x > 0 ? x : a.alpha * x;
    case ActivationKind::ELU: return x > 0 ? x : a.alpha * (std::exp(x) - 1.f);
    case ActivationKind::SELU: return ops::kSeluLambda * (x > 0 ? x : ops::kSeluAlpha * (std::exp(x) - 1.f));
    case ActivationKind::Sigmoid: return 1.f / (1.f + std::exp(-x));
    case ActivationKind::Tanh: return std::tanh(x);
    }
    return x;
}

void activateInPlace(const ops::Activation& a, cv::Mat& m) {
    for (float& v : cv::Mat_<float>(m.reshape(1, 1))) v = activate(a, v);
}

namespace {

// Element access for NCHW tensors.
float& at(cv::Mat& m, int n, int c, int h, int w) { return m.ptr<float>()[((n * m.size[1] + c) * m.size[2] + h) * m.size[3] + w]; }
float at(const cv::Mat& m, int n, int c, int h, int w) { return m.ptr<float>()[((n * m.size[1] + c) * m.size[2] + h) * m.size[3] + w]; }

cv::Mat zeros(const ops::Shape& s) {
    cv::Mat m = ops::makeTensor(s);
    m.setTo(0);
    return m;
}

}  // namespace

cv::Mat refConv2d(const cv::Mat& x, const cv::Mat& w, const cv::Mat& b, const ops::Conv2DConfig& c) {
    const ops::Window2d& k = c.window;
    const int N = x.size[0], H = x.size[2], W = x.size[3];
    const int OC = c.outChannels, icg = c.inChannels / c.groups, ocg = OC / c.groups;
    const int OH = k.convOut(H, true, "ref"), OW = k.convOut(W, false, "ref");
    cv::Mat y = zeros({N, OC, OH, OW});
    for (int n = 0; n < N; ++n)
        for (int oc = 0; oc < OC; ++oc)
            for (int oh = 0; oh < OH; ++oh)
                for (int ow = 0; ow < OW; ++ow) {
                    double s = c.bias ? b.ptr<float>()[oc] : 0.f;
                    for (int ic = 0; ic < icg; ++ic)
                        for (int kh = 0; kh < k.kernelH; ++kh)
                            for (int kw = 0; kw < k.kernelW; ++kw) {
                                const int ih = oh * k.strideH - k.padTop + kh * k.dilationH;
                                const int iw = ow * k.strideW - k.padLeft + kw * k.dilationW;
                                if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                                s += static_cast<double>(at(x, n, (oc / ocg) * icg + ic, ih, iw)) *
                                     at(w, oc, ic, kh, kw);
                            }
                    at(y, n, oc, oh, ow) = activate(c.activation, static_cast<float>(s));
                }
    return y;
}

cv::Mat refConvTranspose2d(const cv::Mat& x, const cv::Mat& w, const cv::Mat& b,
                           const ops::ConvTranspose2DConfig& c) {
    const ops::Window2d& k = c.window;
    const int N = x.size[0], C = x.size[1], H = x.size[2], W = x.size[3];
    const int OC = c.outChannels, icg = C / c.groups, ocg = OC / c.groups;
    const int OH = (H - 1) * k.strideH - k.padTop - k.padBottom + (k.kernelH - 1) * k.dilationH + 1 + c.outputPaddingH;
    const int OW = (W - 1) * k.strideW - k.padLeft - k.padRight + (k.kernelW - 1) * k.dilationW + 1 + c.outputPaddingW;
    cv::Mat acc = zeros({N, OC, OH, OW});
    for (int n = 0; n < N; ++n)
        for (int ic = 0; ic < C; ++ic)
            for (int ih = 0; ih < H; ++ih)
                for (int iw = 0; iw < W; ++iw)
                    for (int o = 0; o < ocg; ++o)
                        for (int kh = 0; kh < k.kernelH; ++kh)
                            for (int kw = 0; kw < k.kernelW; ++kw) {
                                const int oh = ih * k.strideH - k.padTop + kh * k.dilationH;
                                const int ow = iw * k.strideW - k.padLeft + kw * k.dilationW;
                                if (oh < 0 || oh >= OH || ow < 0 || ow >= OW) continue;
                                at(acc, n, (ic / icg) * ocg + o, oh, ow) += at(x, n, ic, ih, iw) * at(w, ic, o, kh, kw);
                            }
    for (int n = 0; n < N; ++n)
        for (int oc = 0; oc < OC; ++oc)
            for (int oh = 0; oh < OH; ++oh)
                for (int ow = 0; ow < OW; ++ow) {
                    float& v = at(acc, n, oc, oh, ow);
                    v = activate(c.activation, v + (c.bias ? b.ptr<float>()[oc] : 0.f));
                }
    return acc;
}

cv::Mat refDense(const cv::Mat& x, const cv::Mat& w, const cv::Mat& b, const ops::DenseConfig& c) {
    const int N = x.size[0];
    cv::Mat y = ops::makeTensor({N, c.outFeatures});
    for (int n = 0; n < N; ++n)
        for (int o = 0; o < c.outFeatures; ++o) {
            double s = c.bias ? b.ptr<float>()[o] : 0.f;
            for (int i = 0; i < c.inFeatures; ++i)
                s += static_cast<double>(x.ptr<float>(n)[i]) * w.ptr<float>(o)[i];
            y.ptr<float>(n)[o] = activate(c.activation, static_cast<float>(s));
        }
    return y;
}

cv::Mat refMaxPool(const cv::Mat& x, const ops::MaxPoolConfig& c) {
    const ops::Window2d& k = c.window;
    const int N = x.size[0], C = x.size[1], H = x.size[2], W = x.size[3];
    const int OH = k.convOut(H, true, "ref"), OW = k.convOut(W, false, "ref");
    cv::Mat y = ops::makeTensor({N, C, OH, OW});
    for (int n = 0; n < N; ++n)
        for (int ch = 0; ch < C; ++ch)
            for (int oh = 0; oh < OH; ++oh)
                for (int ow = 0; ow < OW; ++ow) {
                    float m = -std::numeric_limits<float>::infinity();
                    for (int kh = 0; kh < k.kernelH; ++kh)
                        for (int kw = 0; kw < k.kernelW; ++kw) {
                            const int ih = oh * k.strideH - k.padTop + kh, iw = ow * k.strideW - k.padLeft + kw;
                            if (ih >= 0 && ih < H && iw >= 0 && iw < W) m = std::max(m, at(x, n, ch, ih, iw));
                        }
                    at(y, n, ch, oh, ow) = m;
                }
    return y;
}

cv::Mat refUpsample(const cv::Mat& x, const ops::UpsampleConfig& c) {
    const int N = x.size[0], C = x.size[1], H = x.size[2], W = x.size[3];
    const int OH = H * c.scaleH, OW = W * c.scaleW;
    cv::Mat y = ops::makeTensor({N, C, OH, OW});
    // Source coordinate of output index i (half-pixel centres), clamped to the image.
    auto source = [](int i, int scale, int size) {
        return std::clamp((static_cast<float>(i) + 0.5f) / static_cast<float>(scale) - 0.5f, 0.f, static_cast<float>(size - 1));
    };
    for (int n = 0; n < N; ++n)
        for (int ch = 0; ch < C; ++ch)
            for (int oh = 0; oh < OH; ++oh)
                for (int ow = 0; ow < OW; ++ow) {
                    if (c.mode == ops::UpsampleMode::Nearest) {
                        at(y, n, ch, oh, ow) = at(x, n, ch, oh / c.scaleH, ow / c.scaleW);
                        continue;
                    }
                    const float sh = source(oh, c.scaleH, H), sw = source(ow, c.scaleW, W);
                    const int h0 = static_cast<int>(sh), w0 = static_cast<int>(sw);
                    const int h1 = std::min(h0 + 1, H - 1), w1 = std::min(w0 + 1, W - 1);
                    const float fh = sh - static_cast<float>(h0), fw = sw - static_cast<float>(w0);
                    at(y, n, ch, oh, ow) = (1 - fh) * ((1 - fw) * at(x, n, ch, h0, w0) + fw * at(x, n, ch, h0, w1)) +
                                           fh * ((1 - fw) * at(x, n, ch, h1, w0) + fw * at(x, n, ch, h1, w1));
                }
    return y;
}

}  // namespace aecv::test
