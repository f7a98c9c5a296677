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
    const int count = static_cast<int>(n);
    const cv::Mat pred(1, count, CV_32F, p.data), target(1, count, CV_32F, t.data);
    // -sum(t log q + (1 - t) log(1 - q)) = -sum(log(1 - q) + t (log q - log(1 - q))), with
    // OpenCV's vectorised logarithm: the scalar one per element cost a fifth of a dense epoch.
    thread_local cv::Mat q, logQ, log1mQ;
    cv::max(pred, kBceEps, q);
    cv::min(q, 1.f - kBceEps, q);
    cv::log(q, logQ);
    cv::subtract(1.0, q, log1mQ);
    cv::log(log1mQ, log1mQ);
    logQ -= log1mQ;
    const double invN = 1.0 / static_cast<double>(n);
    const double sum = cv::sum(log1mQ)[0] + target.dot(logQ);
    const float* a = pred.ptr<float>();
    const float* b = target.ptr<float>();
    const float* c = q.ptr<float>();
    float* d = dp.ptr<float>();
    const float scale = static_cast<float>(invN);
    for (size_t i = 0; i < n; ++i)  // no gradient where the prediction was clamped, as Keras
        d[i] = c[i] != a[i] ? 0.f : (c[i] - b[i]) / (c[i] * (1.f - c[i])) * scale;
    return -sum * invN;
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
