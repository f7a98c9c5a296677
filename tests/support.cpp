// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "support.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include <sys/wait.h>

namespace aecv::test {

cv::Mat randomTensor(const Shape& s, uint64_t seed, float lo, float hi) {
    cv::Mat m = ops::makeTensor(s);
    cv::RNG rng(seed);
    rng.fill(m, cv::RNG::UNIFORM, lo, hi);
    return m;
}

cv::Mat randomAwayFromZero(const Shape& s, uint64_t seed, float gap) {
    cv::Mat m = randomTensor(s, seed);
    for (float& v : cv::Mat_<float>(m.reshape(1, 1))) v = v < 0 ? v - gap : v + gap;
    return m;
}

void randomizeParams(ops::Op& op, uint64_t seed, float scale) {
    cv::RNG rng(seed);
    for (ops::Param* p : op.params()) rng.fill(p->value, cv::RNG::UNIFORM, -scale, scale);
    op.weightsChanged();
}

bool hasKink(const ops::Activation& a) {
    return a.kind == ops::ActivationKind::ReLU || a.kind == ops::ActivationKind::LeakyReLU ||
           a.kind == ops::ActivationKind::SELU;
}

double maxAbsDiff(const cv::Mat& a, const cv::Mat& b) {
    CV_Assert(ops::shapeOf(a) == ops::shapeOf(b));
    return cv::norm(a.reshape(1, 1), b.reshape(1, 1), cv::NORM_INF);
}

std::string thrownMessage(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const cv::Exception& e) {
        return e.err;
    }
    return "";
}

CommandResult runCommand(const std::string& command) {
    CommandResult r;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (!pipe) return r;
    char buffer[4096];
    for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) r.out.append(buffer, n);
    const int status = pclose(pipe);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

std::vector<std::string> temporariesOf(const std::string& path) {
    const std::filesystem::path p(path);
    const std::filesystem::path folder = p.parent_path().empty() ? "." : p.parent_path();
    const std::string prefix = p.filename().string() + ".tmp-";
    std::vector<std::pair<uintmax_t, std::string>> found;
    std::error_code error;  // a file that vanishes while listed is simply not there
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
        const std::string name = entry.path().filename().string();
        if (name.compare(0, prefix.size(), prefix) != 0) continue;
        const uintmax_t size = entry.file_size(error);
        if (!error) found.emplace_back(size, entry.path().string());
    }
    std::sort(found.rbegin(), found.rend());
    std::vector<std::string> paths;
    for (const auto& f : found) paths.push_back(f.second);
    return paths;
}

namespace {

double weightedSum(const cv::Mat& out, const cv::Mat& r) {
    const float* a = out.ptr<float>();
    const float* b = r.ptr<float>();
    double s = 0;
    for (size_t i = 0; i < out.total(); ++i) s += static_cast<double>(a[i]) * b[i];
    return s;
}

// Indices to probe: all of them for small tensors, else an even spread of `samples`.
std::vector<size_t> probes(size_t n, int samples) {
    std::vector<size_t> idx;
    const size_t count = std::min(n, static_cast<size_t>(samples));
    for (size_t k = 0; k < count; ++k) idx.push_back(k * n / count);
    return idx;
}

}  // namespace

GradCheck checkGradients(ops::Op& op, std::vector<cv::Mat> inputs, double step, int samples,
                         const std::function<void()>& reset) {
    auto run = [&](cv::Mat& out) {
        if (reset) reset();
        op.forward(inputs, out, ops::Phase::Training);
    };
    cv::Mat out;
    run(out);
    const cv::Mat r = randomTensor(ops::shapeOf(out), 777);
    for (ops::Param* p : op.params()) p->grad.setTo(0);
    std::vector<cv::Mat> dInputs(inputs.size());
    op.backward(inputs, out, r, dInputs);
    // Analytic gradients, copied: the probing forwards below may reuse the op's buffers.
    std::vector<cv::Mat> dIn, dParam;
    for (const cv::Mat& d : dInputs) dIn.push_back(d.clone());
    for (ops::Param* p : op.params()) dParam.push_back(p->grad.clone());

    GradCheck result;
    auto probe = [&](cv::Mat& x, const cv::Mat& analytic, double& worst) {
        float* data = x.ptr<float>();
        for (size_t i : probes(x.total(), samples)) {
            const float saved = data[i];
            cv::Mat o;
            data[i] = saved + static_cast<float>(step);
            op.weightsChanged();
            run(o);
            const double plus = weightedSum(o, r);
            data[i] = saved - static_cast<float>(step);
            op.weightsChanged();
            run(o);
            const double minus = weightedSum(o, r);
            data[i] = saved;
            const double numeric = (plus - minus) / (2 * step);
            const double err = std::abs(analytic.ptr<float>()[i] - numeric) / std::max(1.0, std::abs(numeric));
            worst = std::max(worst, err);
            ++result.checked;
        }
    };
    for (size_t k = 0; k < inputs.size(); ++k) probe(inputs[k], dIn[k], result.worstInput);
    std::vector<ops::Param*> params = op.params();
    for (size_t k = 0; k < params.size(); ++k) probe(params[k]->value, dParam[k], result.worstParam);
    op.weightsChanged();
    return result;
}

}  // namespace aecv::test
