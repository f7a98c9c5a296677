// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// aecv-bench: how fast aecv runs a model against stock OpenCV on the same network, and how close
// it comes to this machine's peak, measured in one process, with the same input and threads.
//   aecv-bench                                   the reference denoiser at 640x480 and 1920x1080
//   aecv-bench --model denoise.onnx --size 640x480
// Compare best against best: run it with tcmalloc preloaded too (stock OpenCV gains most):
//   LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 aecv-bench
#include <aecv/aecv.hpp>
#include <aecv/denoiser.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <iostream>

#include <sys/resource.h>

#include <dnnl.hpp>
#include <opencv2/dnn.hpp>

#include "common/sample_main.hpp"
#include "model/cost.hpp"
#include "model/model.hpp"
#include "model/split.hpp"
#include "presets.hpp"

using namespace aecv::samples;

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
    std::string model;
    std::vector<std::string> sizes{"640x480", "1920x1080"};
    int runs = 15, warmup = 3, threads = 0, batch = 1;
    std::string precision = "f32";
    bool filters = true;
};

double millis(Clock::time_point since) { return std::chrono::duration<double, std::milli>(Clock::now() - since).count(); }

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// GFLOP/s of a compute-bound oneDNN matmul (n x n times n x n) in `type`.
double peakGflops(dnnl::memory::data_type type, int n) {
    using namespace dnnl;
    engine eng(engine::kind::cpu, 0);
    stream s(eng);
    const memory::desc a({n, n}, type, memory::format_tag::ab), c({n, n}, memory::data_type::f32, memory::format_tag::ab);
    const matmul::primitive_desc pd(matmul::desc(a, a, c), eng);
    memory ma(a, eng), mb(a, eng), mc(c, eng);
    std::fill_n(static_cast<char*>(ma.get_data_handle()), a.get_size(), 0);
    std::fill_n(static_cast<char*>(mb.get_data_handle()), a.get_size(), 0);
    matmul mm(pd);
    std::vector<double> times;
    for (int i = 0; i < 8; ++i) {
        const auto start = Clock::now();
        mm.execute(s, {{DNNL_ARG_SRC, ma}, {DNNL_ARG_WEIGHTS, mb}, {DNNL_ARG_DST, mc}});
        s.wait();
        if (i >= 2) times.push_back(millis(start));
    }
    return 2.0 * n * n * n / (median(times) * 1e6);
}

bool hasBf16() { return dnnl::get_effective_cpu_isa() >= dnnl::cpu_isa::avx512_core_bf16; }

cv::Size parseSize(const std::string& text) {
    int w = 0, h = 0;
    char x = 0;
    std::stringstream in(text);
    if (!(in >> w >> x >> h) || x != 'x' || w < 8 || h < 8) throw UsageError("--size '" + text + "': expected WxH, e.g. 640x480");
    return {w, h};
}

// Runs `a` and `b` alternately (A B A B ...) after warm-up; the median milliseconds of each.
std::pair<double, double> interleaved(const std::function<void()>& a, const std::function<void()>& b, const Options& o) {
    for (int i = 0; i < o.warmup; ++i) {
        a();
        b();
    }
    std::vector<double> ta, tb;
    for (int i = 0; i < o.runs; ++i) {
        auto start = Clock::now();
        a();
        ta.push_back(millis(start));
        start = Clock::now();
        b();
        tb.push_back(millis(start));
    }
    return {median(ta), median(tb)};
}

long peakRssMb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024;
}

// Both nets are built from bytes in memory: nothing is written, so nothing is left behind when a
// run fails or is interrupted.
void benchModel(aecv::model::Model m, const std::string& label, const cv::Size& size, double peak, const Options& o) {
    // Both nets compute the main output only, as PyTorch's forward() does: a second graph output
    // (the code) would stop aecv's oneDNN chain there.
    m.outputs = {m.outputs.front()};
    const std::string standard = aecv::model::toStandardOnnxBytes(m);
    cv::dnn::Net ours = aecv::model::loadNet(m), stock = cv::dnn::readNetFromONNX(standard.data(), standard.size());
    const aecv::ops::Shape shape{o.batch, m.inputShape.at(1), size.height, size.width};
    double flops = 0;
    for (const aecv::model::NodeCost& c : aecv::model::costs(m, shape)) flops += c.flops;
    cv::Mat input(static_cast<int>(shape.size()), shape.data(), CV_32F);
    cv::randu(input, 0.0, 1.0);
    ours.setInput(input);
    stock.setInput(input);
    cv::Mat a, b;
    const auto [msOurs, msStock] = interleaved([&] { a = ours.forward(); }, [&] { b = stock.forward(); }, o);
    const double diff = cv::norm(a, b, cv::NORM_INF);
    const double gflops = flops / (msOurs * 1e6);
    std::cout << cv::format("%-22s %5dx%-5d x%-3d %7.3f GFLOP  aecv %8.3f ms  stock %8.3f ms  stock/aecv %5.2fx  "
                            "%6.1f GFLOP/s (%4.1f%% of peak)  max|diff| %.1e\n",
                            label.c_str(), size.width, size.height, o.batch, flops / 1e9, msOurs, msStock,
                            msStock / msOurs, gflops, 100 * gflops / peak, diff);
}

void benchFilter(const cv::Size& size, const Options& o) {
    aecv::Denoiser denoiser;
    cv::Mat frame(size, CV_8UC3), out;
    cv::randu(frame, 0, 256);
    for (int i = 0; i < o.warmup; ++i) denoiser.apply(frame, out);
    std::vector<double> times;
    for (int i = 0; i < o.runs; ++i) {
        const auto start = Clock::now();
        denoiser.apply(frame, out);
        times.push_back(millis(start));
    }
    const double ms = median(times);
    std::cout << cv::format("Denoiser (shipped)     %5dx%-5d 8-bit BGR in and out: %8.2f ms, %5.1f frames/s\n",
                            size.width, size.height, ms, 1000 / ms);
}

int run(const Options& o) {
    aecv::setNumThreads(o.threads);
    aecv::setPrecision(o.precision == "bf16" ? aecv::Precision::BF16 : aecv::Precision::F32);
    aecv::registerLayers();
    std::cout << "threads: " << aecv::getNumThreads() << ", aecv precision: " << o.precision << "\n";
    const double f32 = peakGflops(dnnl::memory::data_type::f32, 2048);
    const double bf16 = hasBf16() ? peakGflops(dnnl::memory::data_type::bf16, 2048) : 0.0;
    std::cout << cv::format("peak: f32 matmul 2048^3 %.0f GFLOP/s", f32);
    if (bf16 > 0) std::cout << cv::format(", bf16 %.0f GFLOP/s", bf16);
    std::cout << " (% of peak below: of the " << o.precision << " one)\n";
    const double peak = o.precision == "bf16" ? bf16 : f32;

    // the reference denoiser is built by the project's own builder
    const aecv::model::Model model = o.model.empty() ? aecv::train::makeRecipe("reference-denoiser", 1).model
                                                     : aecv::model::readOnnx(o.model);
    const std::string label = o.model.empty() ? "reference-denoiser" : std::filesystem::path(o.model).filename().string();
    for (const std::string& s : o.sizes) benchModel(model, label, parseSize(s), peak, o);
    if (o.filters)
        for (const std::string& s : o.sizes) benchFilter(parseSize(s), o);
    std::cout << "peak resident memory: " << peakRssMb() << " MB\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    po::options_description options("aecv-bench: aecv vs stock OpenCV on the same network, and against this "
                                    "machine's peak\n\noptions");
    options.add_options()
        ("help,h", "show this help")
        ("model", po::value(&o.model), "an aecv model (default: the reference denoiser, seed 1)")
        ("size", po::value(&o.sizes)->multitoken(), "input sizes WxH (default: 640x480 1920x1080)")
        ("batch", po::value(&o.batch)->default_value(o.batch), "images per forward")
        ("runs", po::value(&o.runs)->default_value(o.runs), "timed runs per side (median reported)")
        ("warmup", po::value(&o.warmup)->default_value(o.warmup), "untimed runs first")
        ("threads", po::value(&o.threads)->default_value(0), "threads for oneDNN and OpenCV (0: all cores)")
        ("precision", po::value(&o.precision)->default_value(o.precision), "aecv's inference: f32 | bf16")
        ("no-filters", "skip the end-to-end Denoiser frames/s");
    return sampleMain("aecv-bench", argc, argv, options,
        [&](const po::variables_map& vm) {
            if (o.batch < 1) throw UsageError("--batch must be at least 1");
            if (o.runs < 1 || o.warmup < 0) throw UsageError("--runs must be at least 1 and --warmup not negative");
            if (o.precision != "f32" && o.precision != "bf16")
                throw UsageError("--precision is '" + o.precision + "'; expected f32 or bf16");
            o.filters = !vm.count("no-filters");
            for (const std::string& s : o.sizes) parseSize(s);
        },
        [&] { return run(o); });
}
