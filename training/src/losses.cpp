// aecv: autoencoders for OpenCV.
#include "losses.hpp"

#include <algorithm>
#include <cmath>

#include "ops/tensor.hpp"

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

double bceLoss(const cv::Mat& p, const cv::Mat& t, cv::Mat& dp) {
    const size_t n = prepare(p, t, dp, "BCE loss prediction");
    // -sum(t log q + (1 - t) log(1 - q)) = -sum(log(1 - q) + t (log q - log(1 - q))), with
    // OpenCV's vectorised logarithm (the scalar one per element cost a fifth of a dense epoch), in
    // a fixed number of chunks spread over the OpenMP threads (the loss took 15% of a stacked epoch
    // on one): the sum is the same whatever the thread count.
    constexpr int kChunks = 4;
    thread_local cv::Mat qBuffer, logQBuffer, log1mQBuffer;  // this thread's, shared with the workers below
    const int count = static_cast<int>(n);
    cv::Mat& q = qBuffer;
    cv::Mat& logQ = logQBuffer;
    cv::Mat& log1mQ = log1mQBuffer;
    q.create(1, count, CV_32F);
    logQ.create(1, count, CV_32F);
    log1mQ.create(1, count, CV_32F);
    const float* a = p.ptr<float>();
    const float* b = t.ptr<float>();
    float* d = dp.ptr<float>();
    const float scale = static_cast<float>(1.0 / static_cast<double>(n));
    double sums[kChunks] = {};
#pragma omp parallel for schedule(static) if (n >= 16384)
    for (int k = 0; k < kChunks; ++k) {
        const int first = static_cast<int>(n * static_cast<size_t>(k) / kChunks);
        const int last = static_cast<int>(n * static_cast<size_t>(k + 1) / kChunks);
        if (first == last) continue;  // fewer elements than chunks
        const cv::Range r(first, last);
        const cv::Mat pred(1, last - first, CV_32F, const_cast<float*>(a + first));
        const cv::Mat target(1, last - first, CV_32F, const_cast<float*>(b + first));
        cv::Mat qk = q.colRange(r), lq = logQ.colRange(r), l1 = log1mQ.colRange(r);
        cv::max(pred, kBceEps, qk);
        cv::min(qk, 1.f - kBceEps, qk);
        cv::log(qk, lq);
        cv::subtract(1.0, qk, l1);
        cv::log(l1, l1);
        lq -= l1;
        sums[k] = cv::sum(l1)[0] + target.dot(lq);
        const float* c = qk.ptr<float>();
        for (int i = first; i < last; ++i, ++c)  // no gradient where the prediction was clamped, as Keras
            d[i] = *c != a[i] ? 0.f : (*c - b[i]) / (*c * (1.f - *c)) * scale;
    }
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
