// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// aecv-bench: how fast aecv runs a model against stock OpenCV on the same network, and how close
// it comes to this machine's peak, measured in one process, with the same input and threads.
//   aecv-bench                                   the reference denoiser at 640x480 and 1920x1080
//   aecv-bench --model denoise.onnx --size 640x480
// Compare best against best: run it with tcmalloc preloaded too (stock OpenCV gains most):
//   LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 aecv-bench
// With --onnxruntime DIR (a folder where `npm install --ignore-scripts` ran on
// samples/onnxruntime/package.json) ONNX Runtime's CPU provider runs the same standard ONNX in a
// node co-process (samples/onnxruntime/bench.cjs), interleaved with the other two.
#include <aecv/aecv.hpp>
#include <aecv/denoiser.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <iostream>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <dnnl.hpp>
#include <opencv2/dnn.hpp>

#include "common/sample_main.hpp"
#include "model/cost.hpp"
#include "model/graph.hpp"
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
    std::string onnxruntime, ortScript = AECV_ORT_SCRIPT;
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

// Runs the sides in turn (A B C A B C ...) after warm-up; the median milliseconds of each. A side
// returns its own milliseconds, so one in another process can leave out the round trip.
std::vector<double> interleaved(const std::vector<std::function<double()>>& sides, const Options& o) {
    for (int i = 0; i < o.warmup; ++i)
        for (const auto& side : sides) side();
    std::vector<std::vector<double>> times(sides.size());
    for (int i = 0; i < o.runs; ++i)
        for (size_t k = 0; k < sides.size(); ++k) times[k].push_back(sides[k]());
    std::vector<double> medians;
    for (const auto& t : times) medians.push_back(median(t));
    return medians;
}

std::function<double()> timed(const std::function<void()>& f) {
    return [f] {
        const auto start = Clock::now();
        f();
        return millis(start);
    };
}

// A scratch folder, removed with everything in it when this goes out of scope (also on errors).
struct ScratchDir {
    std::filesystem::path path;
    ScratchDir() {
        std::string name = (std::filesystem::temp_directory_path() / "aecv-bench-XXXXXX").string();
        if (!mkdtemp(name.data())) throw std::runtime_error("cannot make a folder in " + name + ": " + std::strerror(errno));
        path = name;
    }
    ~ScratchDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
};

// ONNX Runtime in a node process (samples/onnxruntime/bench.cjs), spoken to over two pipes.
class OrtProcess {
public:
    OrtProcess(const Options& o, const std::string& model, const std::string& input, const aecv::ops::Shape& shape) {
        if (!std::filesystem::exists(std::filesystem::path(o.onnxruntime) / "node_modules" / "onnxruntime-node"))
            throw std::runtime_error("--onnxruntime " + o.onnxruntime + ": no node_modules/onnxruntime-node there; run "
                                     "`npm install --ignore-scripts --prefix " + o.onnxruntime + "` on samples/onnxruntime/package.json");
        std::vector<std::string> args{"node", o.ortScript, (std::filesystem::path(o.onnxruntime) / "node_modules").string(), model, input};
        for (int d : shape) args.push_back(std::to_string(d));
        args.push_back(std::to_string(aecv::getNumThreads()));
        int toChild[2], fromChild[2];
        if (pipe(toChild) != 0 || pipe(fromChild) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
        pid_ = fork();
        if (pid_ < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
        if (pid_ == 0) {
            dup2(toChild[0], 0);
            dup2(fromChild[1], 1);
            for (int fd : {toChild[0], toChild[1], fromChild[0], fromChild[1]}) close(fd);
            std::vector<char*> argv;
            for (std::string& a : args) argv.push_back(a.data());
            argv.push_back(nullptr);
            execvp("node", argv.data());
            std::fprintf(stderr, "aecv-bench: cannot run node: %s (apt-get install nodejs)\n", std::strerror(errno));
            _exit(127);
        }
        close(toChild[0]);
        close(fromChild[1]);
        in_ = fdopen(toChild[1], "w");
        out_ = fdopen(fromChild[0], "r");
        const std::string ready = request("");
        if (ready.rfind("ready ", 0) != 0) throw std::runtime_error("onnxruntime: unexpected '" + ready + "'");
        version_ = ready.substr(6);
    }
    ~OrtProcess() {
        if (in_) std::fclose(in_);
        if (out_) std::fclose(out_);
        if (pid_ > 0) waitpid(pid_, nullptr, 0);
    }
    OrtProcess(const OrtProcess&) = delete;
    OrtProcess& operator=(const OrtProcess&) = delete;

    const std::string& version() const { return version_; }
    double run() { return std::stod(request("run")); }
    void output(const std::string& path) {
        if (request("output " + path) != "ok") throw std::runtime_error("onnxruntime: no output written");
    }

private:
    // Sends `line` (none if empty) and returns the answer line.
    std::string request(const std::string& line) {
        if (!line.empty() && (std::fprintf(in_, "%s\n", line.c_str()) < 0 || std::fflush(in_) != 0))
            throw std::runtime_error("onnxruntime: the node process has gone (its message is above)");
        char* text = nullptr;
        size_t capacity = 0;
        const ssize_t n = getline(&text, &capacity, out_);
        std::string answer = n > 0 ? std::string(text, static_cast<size_t>(n)) : std::string();
        std::free(text);
        if (n <= 0) throw std::runtime_error("onnxruntime: the node process ended (its message is above)");
        while (!answer.empty() && answer.back() == '\n') answer.pop_back();
        return answer;
    }

    pid_t pid_ = -1;
    FILE* in_ = nullptr;
    FILE* out_ = nullptr;
    std::string version_;
};

void writeFile(const std::filesystem::path& path, const void* data, size_t size) {
    std::ofstream f(path, std::ios::binary);
    if (!f.write(static_cast<const char*>(data), static_cast<std::streamsize>(size)))
        throw std::runtime_error("cannot write " + path.string());
}

cv::Mat readFloats(const std::filesystem::path& path, const cv::Mat& like) {
    cv::Mat m(like.dims, like.size.p, CV_32F);
    std::ifstream f(path, std::ios::binary);
    if (!f.read(reinterpret_cast<char*>(m.data), static_cast<std::streamsize>(m.total() * sizeof(float))))
        throw std::runtime_error("onnxruntime: " + path.string() + " is not the output's size");
    return m;
}

long peakRssMb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024;
}

// Both nets are built from bytes in memory; ONNX Runtime's files go to a scratch folder removed
// afterwards, so nothing is left behind when a run fails.
void benchModel(aecv::model::Model m, const std::string& label, const cv::Size& size, double peak, const Options& o) {
    // The nets compute the main output only, as PyTorch's forward() does: a second graph output
    // (the code) would stop aecv's oneDNN chain there.
    m.outputs = {m.outputs.front()};
    const aecv::ops::Shape shape{o.batch, m.inputShape.at(1), size.height, size.width};
    m.inputShape = shape;  // the size run: ONNX Runtime checks the input against it
    const std::string standard = aecv::model::toStandardOnnxBytes(m);
    cv::dnn::Net ours = aecv::model::loadNet(m), stock = cv::dnn::readNetFromONNX(standard.data(), standard.size());
    double flops = 0;
    for (const aecv::model::NodeCost& c : aecv::model::costs(m, shape)) flops += c.flops;
    cv::Mat input(static_cast<int>(shape.size()), shape.data(), CV_32F);
    cv::randu(input, 0.0, 1.0);
    ours.setInput(input);
    stock.setInput(input);
    cv::Mat a, b;
    std::vector<std::function<double()>> sides{timed([&] { a = ours.forward(); }), timed([&] { b = stock.forward(); })};
    // aecv::readNet runs a model like this (U-Net skips included) as one aecv.Graph layer; plain
    // cv::dnn::readNetFromONNX builds one layer per node, chained between the skips.
    const bool graph = aecv::model::runsAsSequence(m);
    const std::string bytes = aecv::model::toOnnxBytes(m);
    cv::dnn::Net perNode = cv::dnn::readNetFromONNX(bytes.data(), bytes.size());
    perNode.setInput(input);
    cv::Mat c;
    if (graph) sides.push_back(timed([&] { c = perNode.forward(); }));
    std::optional<ScratchDir> scratch;
    std::unique_ptr<OrtProcess> ort;
    size_t ortSide = 0;
    if (!o.onnxruntime.empty()) {
        scratch.emplace();
        writeFile(scratch->path / "model.onnx", standard.data(), standard.size());
        writeFile(scratch->path / "input.bin", input.data, input.total() * sizeof(float));
        ort = std::make_unique<OrtProcess>(o, (scratch->path / "model.onnx").string(), (scratch->path / "input.bin").string(), shape);
        sides.push_back([&] { return ort->run(); });
        ortSide = sides.size() - 1;
    }
    const std::vector<double> ms = interleaved(sides, o);
    const double gflops = flops / (ms[0] * 1e6);
    std::cout << cv::format("%-22s %5dx%-5d x%-3d %7.3f GFLOP  aecv %8.3f ms  stock %8.3f ms  stock/aecv %5.2fx  "
                            "%6.1f GFLOP/s (%4.1f%% of peak)  max|diff| %.1e\n",
                            label.c_str(), size.width, size.height, o.batch, flops / 1e9, ms[0], ms[1],
                            ms[1] / ms[0], gflops, 100 * gflops / peak, cv::norm(a, b, cv::NORM_INF));
    if (graph)
        std::cout << cv::format("%-22s %5dx%-5d x%-3d per-node layers (readNetFromONNX) %8.3f ms  per-node/aecv %5.2fx  "
                                "max|diff| %.1e\n",
                                "", size.width, size.height, o.batch, ms[2], ms[2] / ms[0], cv::norm(a, c, cv::NORM_INF));
    if (ort) {
        ort->output((scratch->path / "output.bin").string());
        const cv::Mat r = readFloats(scratch->path / "output.bin", a);
        std::cout << cv::format("%-22s %5dx%-5d x%-3d ONNX Runtime %s (CPU)  %8.3f ms  onnxruntime/aecv %5.2fx  max|diff| %.1e\n",
                                "", size.width, size.height, o.batch, ort->version().c_str(), ms[ortSide], ms[ortSide] / ms[0],
                                cv::norm(a, r, cv::NORM_INF));
    }
}

// The whole filter, 8-bit frame in and out: the median of o.runs applies after o.warmup.
template <typename Filter>
void timeFilter(Filter& filter, const std::string& label, const cv::Size& size, const Options& o) {
    cv::Mat frame(size, CV_8UC3), out;
    cv::randu(frame, 0, 256);
    for (int i = 0; i < o.warmup; ++i) filter.apply(frame, out);
    std::vector<double> times;
    for (int i = 0; i < o.runs; ++i) {
        const auto start = Clock::now();
        filter.apply(frame, out);
        times.push_back(millis(start));
    }
    const double ms = median(times);
    std::cout << cv::format("%-22s %5dx%-5d 8-bit BGR in and out: %8.2f ms, %5.1f frames/s\n", label.c_str(),
                            size.width, size.height, ms, 1000 / ms);
}

// The filter the model is for (--model: a denoiser or a watermark remover), else the shipped denoiser.
void benchFilter(const cv::Size& size, const Options& o, const aecv::model::Model& model) {
    const auto task = model.metadata.find("task");
    const std::string kind = o.model.empty() || task == model.metadata.end() ? "" : task->second;
    const std::string file = std::filesystem::path(o.model).filename().string();
    if (kind == "watermark") {
        aecv::WatermarkRemover remover(o.model);
        timeFilter(remover, "WatermarkRemover (" + file + ")", size, o);
    } else if (kind == "denoise") {
        aecv::Denoiser denoiser(o.model);
        timeFilter(denoiser, "Denoiser (" + file + ")", size, o);
    } else {
        aecv::Denoiser denoiser;
        timeFilter(denoiser, "Denoiser (shipped)", size, o);
    }
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
        for (const std::string& s : o.sizes) benchFilter(parseSize(s), o, model);
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
        ("no-filters", "skip the whole filter's frames/s (the model's Denoiser or WatermarkRemover; without "
         "--model the shipped Denoiser)")
        ("onnxruntime", po::value(&o.onnxruntime), "also run ONNX Runtime (CPU): the folder holding node_modules/onnxruntime-node")
        ("onnxruntime-script", po::value(&o.ortScript)->default_value(o.ortScript), "its node side (bench.cjs)");
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
