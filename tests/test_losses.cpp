// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>

#include <aecv/aecv.hpp>

#include "losses.hpp"
#include "support.hpp"

using namespace aecv;
using namespace aecv::train;
using doctest::Approx;

namespace {

cv::Mat row(std::initializer_list<float> v) {
    cv::Mat m = ops::makeTensor({1, static_cast<int>(v.size())});
    std::copy(v.begin(), v.end(), m.ptr<float>());
    return m;
}

// Max relative error of `grad` against central differences of loss(x).
double lossGradError(cv::Mat x, const cv::Mat& grad, const std::function<double(const cv::Mat&)>& loss) {
    double worst = 0;
    for (size_t i = 0; i < x.total(); ++i) {
        float& v = x.ptr<float>()[i];
        const float saved = v;
        v = saved + 1e-3f;
        const double plus = loss(x);
        v = saved - 1e-3f;
        const double minus = loss(x);
        v = saved;
        const double numeric = (plus - minus) / 2e-3;
        worst = std::max(worst, std::abs(grad.ptr<float>()[i] - numeric) / std::max(1.0, std::abs(numeric)));
    }
    return worst;
}

}  // namespace

TEST_CASE("MSE loss: value and gradient by hand") {
    cv::Mat d;
    CHECK(mseLoss(row({1, 2}), row({0, 4}), d) == Approx(2.5));
    CHECK(d.ptr<float>()[0] == Approx(1.0));
    CHECK(d.ptr<float>()[1] == Approx(-2.0));
    CHECK(test::thrownMessage([&] { mseLoss(row({1, 2}), row({1, 2, 3}), d); }) ==
          "MSE loss prediction target has shape [1, 3]; expected [1, 2]");
}

TEST_CASE("L1 loss: value and gradient by hand") {
    cv::Mat d;
    CHECK(l1Loss(row({1, 2, 3}), row({0, 4, 3}), d) == Approx(1.0));
    CHECK(d.ptr<float>()[0] == Approx(1.0 / 3));
    CHECK(d.ptr<float>()[1] == Approx(-1.0 / 3));
    CHECK(d.ptr<float>()[2] == 0.f);
}

TEST_CASE("BCE loss on probabilities: value, gradient, clamping") {
    cv::Mat d;
    CHECK(bceLoss(row({0.9f, 0.2f}), row({1, 0}), d) == Approx(0.164252033486018));
    CHECK(d.ptr<float>()[0] == Approx(-0.5555555555555554));
    CHECK(d.ptr<float>()[1] == Approx(0.625));
    // p = 0 and p = 1 are clamped to [1e-7, 1 - 1e-7]: finite loss, zero gradient.
    const double clamped = bceLoss(row({0.f, 1.f}), row({1, 1}), d);
    CHECK(clamped == Approx(-std::log(1e-7) / 2).epsilon(1e-3));
    CHECK(d.ptr<float>()[0] == 0.f);
    CHECK(d.ptr<float>()[1] == 0.f);

    const cv::Mat p = test::randomTensor({3, 5}, 81, 0.05f, 0.95f), t = test::randomTensor({3, 5}, 82, 0.f, 1.f);
    bceLoss(p, t, d);
    cv::Mat scratch;
    CHECK(lossGradError(p, d, [&](const cv::Mat& x) { return bceLoss(x, t, scratch); }) < 1e-3);
}

TEST_CASE("BCE loss on a training batch equals the double-precision formula, on one thread or two") {
    // 128 x 784 (the VAE's batch): spread over the threads, through the vectorised logarithm,
    // with predictions over the whole range, a few of them clamped.
    cv::Mat p = test::randomTensor({128, 784}, 83, 1e-9f, 1.f), t = test::randomTensor({128, 784}, 84, 0.f, 1.f);
    p.ptr<float>()[5] = 0.f;
    p.ptr<float>()[6] = 1.f;
    double reference = 0;
    for (size_t i = 0; i < p.total(); ++i) {
        const double q = std::clamp(static_cast<double>(p.ptr<float>()[i]), 1e-7, 1 - 1e-7), y = t.ptr<float>()[i];
        reference -= y * std::log(q) + (1 - y) * std::log(1 - q);
    }
    reference /= static_cast<double>(p.total());
    cv::Mat one, two;
    aecv::setNumThreads(1);
    const double lossOne = bceLoss(p, t, one);
    aecv::setNumThreads(2);
    const double lossTwo = bceLoss(p, t, two);
    aecv::setNumThreads(0);
    CHECK(lossOne == Approx(reference).epsilon(1e-6));
    CHECK(lossTwo == lossOne);
    CHECK(test::maxAbsDiff(one, two) == 0);
    for (size_t i : {size_t(0), size_t(1000), size_t(77777)}) {
        const float q = p.ptr<float>()[i], y = t.ptr<float>()[i];
        CHECK(one.ptr<float>()[i] == Approx((q - y) / (q * (1 - q)) / static_cast<double>(p.total())).epsilon(1e-6));
    }
    CHECK(one.ptr<float>()[5] == 0.f);
    CHECK(one.ptr<float>()[6] == 0.f);
}

TEST_CASE("BCE loss on logits: value, gradient, stability, agreement with probabilities") {
    cv::Mat d;
    CHECK(bceWithLogitsLoss(row({0, 2}), row({1, 0}), d) == Approx(1.410037595801459));
    CHECK(d.ptr<float>()[0] == Approx(-0.25));
    CHECK(d.ptr<float>()[1] == Approx(0.44039853898894116));
    CHECK(bceWithLogitsLoss(row({1000, -1000}), row({1, 1}), d) == Approx(500.0));
    CHECK(std::isfinite(d.ptr<float>()[0]));
    CHECK(d.ptr<float>()[1] == Approx(-0.5));

    const cv::Mat x = test::randomTensor({4, 6}, 83, -3.f, 3.f), t = test::randomTensor({4, 6}, 84, 0.f, 1.f);
    cv::Mat p;
    cv::exp(-x, p);
    p = 1.0 / (1.0 + p);
    cv::Mat dp;
    CHECK(bceWithLogitsLoss(x, t, d) == Approx(bceLoss(p, t, dp)).epsilon(1e-5));
    cv::Mat scratch;
    CHECK(lossGradError(x, d, [&](const cv::Mat& v) { return bceWithLogitsLoss(v, t, scratch); }) < 1e-3);
}

TEST_CASE("KL divergence to N(0, I): value and gradients by hand") {
    cv::Mat dMu, dLogvar;
    const double kl = klDivergenceLoss(row({1, 0}), row({0, std::log(2.f)}), 1.f, dMu, dLogvar);
    CHECK(kl == Approx(0.6534264097200273));
    CHECK(dMu.ptr<float>()[0] == Approx(1.0));
    CHECK(dMu.ptr<float>()[1] == Approx(0.0));
    CHECK(dLogvar.ptr<float>()[0] == Approx(0.0));
    CHECK(dLogvar.ptr<float>()[1] == Approx(0.5));
    // Batch mean and weight (the VAE recipe's KL / 784).
    cv::Mat mu = ops::makeTensor({2, 2}), logvar = ops::makeTensor({2, 2});
    for (int n = 0; n < 2; ++n) {
        row({1, 0}).copyTo(mu.row(n));
        row({0, std::log(2.f)}).copyTo(logvar.row(n));
    }
    CHECK(klDivergenceLoss(mu, logvar, 1.f / 784, dMu, dLogvar) == Approx(0.6534264097200273 / 784));
    CHECK(dMu.ptr<float>()[0] == Approx(1.0 / 784 / 2));

    const cv::Mat m = test::randomTensor({3, 4}, 85), lv = test::randomTensor({3, 4}, 86);
    klDivergenceLoss(m, lv, 0.5f, dMu, dLogvar);
    cv::Mat a, b;
    CHECK(lossGradError(m, dMu, [&](const cv::Mat& v) { return klDivergenceLoss(v, lv, 0.5f, a, b); }) < 1e-3);
    CHECK(lossGradError(lv, dLogvar, [&](const cv::Mat& v) { return klDivergenceLoss(m, v, 0.5f, a, b); }) < 1e-3);
    CHECK(test::thrownMessage([&] { klDivergenceLoss(test::randomTensor({1, 2, 2, 2}, 1), lv, 1.f, a, b); }) ==
          "KL loss mean has shape [1, 2, 2, 2]; expected [N, D]");
}

TEST_CASE("weighted MSE: per-sample weights scale each sample's squared error and its gradient") {
    const cv::Mat y = test::randomTensor({2, 3, 4, 4}, 91), t = test::randomTensor({2, 3, 4, 4}, 92);
    cv::Mat d, dPlain;
    const double plain = train::mseLoss(y, t, dPlain);
    CHECK(train::weightedMseLoss(y, t, {1.f, 1.f}, d) == doctest::Approx(plain));
    CHECK(test::maxAbsDiff(d, dPlain) <= 1e-7);
    const double firstOnly = train::weightedMseLoss(y, t, {2.f, 0.f}, d);
    const cv::Mat y0 = ops::sampleRange(y, 0, 1), t0 = ops::sampleRange(t, 0, 1);
    cv::Mat d0;
    CHECK(firstOnly == doctest::Approx(train::mseLoss(y0.clone(), t0.clone(), d0)));  // 2 * sse0 / (2 n0)
    CHECK(cv::norm(ops::sampleRange(d, 1, 1), cv::NORM_INF) == 0);
    CHECK(test::thrownMessage([&] { train::weightedMseLoss(y, t, {1.f}, d); }) == "MSE loss: 1 sample weights for 2 samples");
}

TEST_CASE("unblend loss: the alpha's BCE, plus the colour's blend error x - m c - (1 - m) t with the true alpha m") {
    const ops::Shape image{2, 3, 3, 4}, alphaShape{2, 1, 3, 4};
    const cv::Mat x = test::randomTensor(image, 101), c = test::randomTensor(image, 102), t = test::randomTensor(image, 103);
    const cv::Mat a = test::randomTensor(alphaShape, 104, 0.1f, 0.9f);  // away from the BCE's clamp
    const cv::Mat m = test::randomTensor(alphaShape, 105, 0.f, 0.95f);  // some above kUnblendMaxWeightAlpha
    const float weight = 0.3f;
    cv::Mat dc, da, scratchC, scratchA;
    const double loss = train::unblendLoss(x, c, a, t, m, weight, dc, da);

    SUBCASE("value by the formula") {
        double blend = 0, alpha = 0;
        for (int b = 0; b < 2; ++b)
            for (int i = 0; i < 12; ++i) {
                const double ai = a.ptr<float>(b)[i], mi = m.ptr<float>(b)[i];
                alpha -= mi * std::log(ai) + (1 - mi) * std::log(1 - ai);
                for (int ch = 0; ch < 3; ++ch) {
                    const double e = (x.ptr<float>(b, ch)[i] - mi * c.ptr<float>(b, ch)[i] -
                                      (1 - mi) * t.ptr<float>(b, ch)[i]) / (1 - std::min(mi, 0.9));
                    blend += e * e;
                }
            }
        CHECK(loss == Approx(blend / 72 + weight * alpha / 24).epsilon(1e-5));
    }
    SUBCASE("gradients match central differences") {
        CHECK(lossGradError(c.clone(), dc, [&](const cv::Mat& cc) {
                  return train::unblendLoss(x, cc, a, t, m, weight, scratchC, scratchA);
              }) < 2e-3);
        CHECK(lossGradError(a.clone(), da, [&](const cv::Mat& aa) {
                  return train::unblendLoss(x, c, aa, t, m, weight, scratchC, scratchA);
              }) < 2e-3);
    }
    SUBCASE("the exact blend of the target costs nothing: x = (1 - m) t + m c, whatever a is") {
        cv::Mat blended = x.clone();
        for (int b = 0; b < 2; ++b)
            for (int ch = 0; ch < 3; ++ch)
                for (int i = 0; i < 12; ++i) {
                    const float mi = m.ptr<float>(b)[i];
                    blended.ptr<float>(b, ch)[i] = (1 - mi) * t.ptr<float>(b, ch)[i] + mi * c.ptr<float>(b, ch)[i];
                }
        cv::Mat dBce;
        CHECK(train::unblendLoss(blended, c, a, t, m, weight, dc, da) ==
              Approx(weight * train::bceLoss(a, m, dBce)).epsilon(1e-6));  // the alpha's cross-entropy alone
        CHECK(cv::norm(dc, cv::NORM_INF) < 1e-6);
    }
    SUBCASE("the alpha learns from its cross-entropy alone, the colour only where there is a mark") {
        cv::Mat dBce;
        train::bceLoss(a, m, dBce);
        CHECK(test::maxAbsDiff(da, dBce * weight) < 1e-7);  // no pull from the blend's error
        cv::Mat unmarked = m.clone();
        unmarked.setTo(0);
        train::unblendLoss(x, c, a, t, unmarked, weight, dc, da);
        CHECK(cv::norm(dc, cv::NORM_INF) == 0);
    }
    SUBCASE("shapes are checked") {
        const cv::Mat wrong = test::randomTensor({2, 1, 3, 3}, 106);
        CHECK(test::thrownMessage([&] { train::unblendLoss(x, c, wrong, t, m, weight, dc, da); })
                  .find("unblend loss alpha") != std::string::npos);
        CHECK(test::thrownMessage([&] { train::unblendLoss(x, c, a, t, wrong, weight, dc, da); })
                  .find("unblend loss true alpha") != std::string::npos);
    }
}

TEST_CASE("detect-restore loss: MSE of the restored picture plus the mask's BCE and soft Dice against alpha > 0.05") {
    const ops::Shape image{2, 3, 3, 4}, maskShape{2, 1, 3, 4};
    const cv::Mat y = test::randomTensor(image, 111), t = test::randomTensor(image, 112);
    const cv::Mat p = test::randomTensor(maskShape, 113, 0.1f, 0.9f);  // away from the BCE's clamp
    const cv::Mat m = test::randomTensor(maskShape, 114, 0.f, 0.1f);   // about half above kMarkedAlpha
    const float weight = 0.4f;
    cv::Mat dy, dp, scratchY, scratchP;
    const double loss = train::detectRestoreLoss(y, p, t, m, weight, 0.f, dy, dp);

    SUBCASE("value by the formula: the mask's target is 1 where alpha > 0.05, else 0") {
        double sse = 0, bce = 0;
        int marked = 0;
        for (int b = 0; b < 2; ++b)
            for (int i = 0; i < 12; ++i) {
                const double pi = p.ptr<float>(b)[i];
                const bool on = m.ptr<float>(b)[i] > 0.05f;
                marked += on;
                bce -= on ? std::log(pi) : std::log(1 - pi);
                for (int ch = 0; ch < 3; ++ch) {
                    const double e = y.ptr<float>(b, ch)[i] - t.ptr<float>(b, ch)[i];
                    sse += e * e;
                }
            }
        CHECK(marked > 4);
        CHECK(marked < 20);
        CHECK(loss == Approx(sse / 72 + weight * bce / 24).epsilon(1e-5));
        // the soft Dice term per sample, averaged: 1 - (2 sum(p b) + 1) / (sum(p) + sum(b) + 1)
        double dice = 0;
        for (int b = 0; b < 2; ++b) {
            double overlap = 0, sum = 1;
            for (int i = 0; i < 12; ++i) {
                const double pi = p.ptr<float>(b)[i], on = m.ptr<float>(b)[i] > 0.05f ? 1 : 0;
                overlap += pi * on;
                sum += pi + on;
            }
            dice += (1 - (2 * overlap + 1) / sum) / 2;
        }
        cv::Mat dy2, dp2;
        CHECK(train::detectRestoreLoss(y, p, t, m, weight, 0.7f, dy2, dp2) == Approx(loss + 0.7 * dice).epsilon(1e-5));
        CHECK(cv::norm(dy2, dy, cv::NORM_INF) == 0);  // the picture's gradient is the MSE's alone
    }
    SUBCASE("the Dice term: 0 for a perfect mask, near 1 for one that misses every mark") {
        cv::Mat perfect = m.clone(), dy2, dp2;
        float* q = perfect.ptr<float>();
        for (size_t i = 0; i < perfect.total(); ++i) q[i] = q[i] > 0.05f ? 1.f - 1e-7f : 1e-7f;
        const double base = train::detectRestoreLoss(y, perfect, t, m, 0.f, 0.f, dy2, dp2);
        CHECK(train::detectRestoreLoss(y, perfect, t, m, 0.f, 1.f, dy2, dp2) - base == Approx(0).epsilon(1e-5).scale(1));
        for (size_t i = 0; i < perfect.total(); ++i) q[i] = 1.f - q[i];
        CHECK(train::detectRestoreLoss(y, perfect, t, m, 0.f, 1.f, dy2, dp2) - base > 0.9);
    }
    SUBCASE("the Dice term's smoothing is 1/200 of the patch: a patch without marks costs sum(p) / (sum(p) + e)") {
        const ops::Shape big{1, 3, 40, 40}, bigMask{1, 1, 40, 40};  // e = 1600 / 200 = 8
        const cv::Mat yy = test::randomTensor(big, 116);
        cv::Mat clean = ops::makeTensor(bigMask);
        clean.setTo(0.f);
        cv::Mat quiet = ops::makeTensor(bigMask), dy2, dp2;
        quiet.setTo(1e-3f);  // a background probability of 1e-3: sum(p) = 1.6
        const double base = train::detectRestoreLoss(yy, quiet, yy, clean, 0.f, 0.f, dy2, dp2);
        CHECK(base == Approx(0).scale(1));
        CHECK(train::detectRestoreLoss(yy, quiet, yy, clean, 0.f, 1.f, dy2, dp2) == Approx(1.6 / 9.6).epsilon(1e-5));
        // its gradient: e / S^2 on every pixel
        CHECK(dp2.ptr<float>()[0] == Approx(8 / (9.6 * 9.6)).epsilon(1e-5));
    }
    SUBCASE("the Dice term is per sample: a batch's is the mean of its halves' (so ranks add up)") {
        const auto half = [](const cv::Mat& x, int n) {
            ops::Shape s = ops::shapeOf(x);
            s[0] = 1;
            cv::Mat one = ops::makeTensor(s);
            std::memcpy(one.ptr<float>(), x.ptr<float>(n), one.total() * sizeof(float));
            return one;
        };
        cv::Mat dy2, dp2;
        const auto diceOf = [&](const cv::Mat& yy, const cv::Mat& pp, const cv::Mat& tt, const cv::Mat& mm) {
            return train::detectRestoreLoss(yy, pp, tt, mm, 0.f, 1.f, dy2, dp2) -
                   train::detectRestoreLoss(yy, pp, tt, mm, 0.f, 0.f, dy2, dp2);
        };
        const double both = diceOf(y, p, t, m);
        const double first = diceOf(half(y, 0), half(p, 0), half(t, 0), half(m, 0));
        const double second = diceOf(half(y, 1), half(p, 1), half(t, 1), half(m, 1));
        CHECK(both == Approx((first + second) / 2).epsilon(1e-6));
    }
    SUBCASE("gradients match central differences, with and without the Dice term") {
        for (const float dice : {0.f, 0.7f}) {
            CAPTURE(dice);
            cv::Mat gy, gp;
            train::detectRestoreLoss(y, p, t, m, weight, dice, gy, gp);
            CHECK(lossGradError(y.clone(), gy, [&](const cv::Mat& yy) {
                      return train::detectRestoreLoss(yy, p, t, m, weight, dice, scratchY, scratchP);
                  }) < 2e-3);
            CHECK(lossGradError(p.clone(), gp, [&](const cv::Mat& pp) {
                      return train::detectRestoreLoss(y, pp, t, m, weight, dice, scratchY, scratchP);
                  }) < 2e-3);
        }
    }
    SUBCASE("shapes are checked") {
        const cv::Mat wrong = test::randomTensor({2, 1, 3, 3}, 115);
        CHECK(test::thrownMessage([&] { train::detectRestoreLoss(y, wrong, t, m, weight, 0.f, dy, dp); }) ==
              "detect-restore loss mask has shape [2, 1, 3, 3]; expected [2, 1, 3, 4]");
        CHECK(test::thrownMessage([&] { train::detectRestoreLoss(y, p, t, wrong, weight, 0.f, dy, dp); }) ==
              "detect-restore loss true alpha has shape [2, 1, 3, 3]; expected [2, 1, 3, 4]");
        CHECK(test::thrownMessage([&] { train::detectRestoreLoss(p, p, p, m, weight, 0.f, dy, dp); }) ==
              "detect-restore loss: the picture is [2, 1, 3, 4]; expected [N, 3, H, W]");
    }
}

TEST_CASE("masked MSE loss: the squared error where the input's mask (channel 3) is set, over the masked pixels") {
    const ops::Shape image{2, 3, 3, 4};
    const cv::Mat y = test::randomTensor(image, 121), t = test::randomTensor(image, 122);
    cv::Mat x = test::randomTensor({2, 4, 3, 4}, 123, 0.f, 1.f);
    for (int b = 0; b < 2; ++b)  // a soft mask: 0 on a third of the pixels, else in (0, 1]
        for (int i = 0; i < 12; ++i)
            if (i % 3 == 0) x.ptr<float>(b, 3)[i] = 0.f;
    cv::Mat dy, scratch;
    const double loss = train::maskedMseLoss(y, t, x, dy);

    SUBCASE("value by the formula; pixels outside the mask cost nothing") {
        double sse = 0, masked = 0;
        for (int b = 0; b < 2; ++b)
            for (int i = 0; i < 12; ++i) {
                const double m = x.ptr<float>(b, 3)[i];
                masked += m;
                for (int ch = 0; ch < 3; ++ch) {
                    const double e = y.ptr<float>(b, ch)[i] - t.ptr<float>(b, ch)[i];
                    sse += m * e * e;
                }
            }
        CHECK(loss == Approx(sse / (3 * masked)).epsilon(1e-5));
        cv::Mat moved = y.clone();
        moved.ptr<float>(1, 2)[3] += 5.f;  // pixel 3 of sample 1: outside the mask
        CHECK(train::maskedMseLoss(moved, t, x, scratch) == Approx(loss).epsilon(1e-6));
        CHECK(dy.ptr<float>(1, 2)[3] == 0.f);
    }
    SUBCASE("gradients match central differences") {
        CHECK(lossGradError(y.clone(), dy, [&](const cv::Mat& yy) { return train::maskedMseLoss(yy, t, x, scratch); }) <
              2e-3);
    }
    SUBCASE("no masked pixel: loss 0, no gradient") {
        cv::Mat none = x.clone();
        for (int b = 0; b < 2; ++b) cv::Mat(3, 4, CV_32F, none.ptr<float>(b, 3)).setTo(0);
        CHECK(train::maskedMseLoss(y, t, none, dy) == 0.0);
        CHECK(cv::countNonZero(dy.reshape(1, 1)) == 0);
    }
    SUBCASE("shapes are checked") {
        CHECK(test::thrownMessage([&] { train::maskedMseLoss(y, t, y, dy); }) ==
              "masked MSE loss input (the image and its mask) has shape [2, 3, 3, 4]; expected [2, 4 or more, 3, 4]");
        CHECK(test::thrownMessage([&] { train::maskedMseLoss(x, x, x, dy); }) ==
              "masked MSE loss: the prediction is [2, 4, 3, 4]; expected [N, 3, H, W]");
    }
}
