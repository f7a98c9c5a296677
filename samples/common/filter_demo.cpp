// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "filter_demo.hpp"

#include "files.hpp"
#include "ranks.hpp"
#include "sample_main.hpp"

#include <aecv/aecv.hpp>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>

#include <opencv2/core/utils/logger.hpp>
#include <opencv2/highgui.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

namespace po = boost::program_options;

namespace aecv::samples {

const char* const kFallbackVideo = "/usr/share/doc/opencv-doc/examples/data/vtest.avi";

namespace {

std::atomic<bool> interrupted{false};

void noteInterrupt(int) { interrupted = true; }

// Ctrl-C while a picture is filtered: stop at once (nothing has been written yet).
void stopNow(int) {
    static const char message[] = "interrupted: nothing written\n";
    [[maybe_unused]] const ssize_t n = ::write(STDERR_FILENO, message, sizeof message - 1);
    ::_exit(130);
}

// OpenCV's backends print their own warnings while probing a file or a camera (GStreamer,
// CAP_IMAGES, V4L2): aecv says what went wrong instead.
struct QuietOpenCV {
    QuietOpenCV() : level(cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT)) {}
    ~QuietOpenCV() { cv::utils::logging::setLogLevel(level); }
    cv::utils::logging::LogLevel level;
};

bool isImageFile(const std::string& path) {
    if (path.empty() || !unreadableReason(path).empty()) return false;
    QuietOpenCV quiet;
    return cv::haveImageReader(path);
}

// The peak value of PSNR for frames of this depth: 255 for 8 bits, 1 for float in [0, 1].
double peakOf(const cv::Mat& m) { return m.depth() == CV_8U ? 255.0 : 1.0; }

std::string psnrLine(const FilterDemo& demo, double spoiled, double restored) {
    return cv::format("PSNR %s %.2f dB, %s %.2f dB", demo.spoiledLabel.c_str(), spoiled, demo.restoredLabel.c_str(),
                      restored);
}

// The demo's middle picture (an 8-bit grey or colour image) in the type of `like`.
cv::Mat middleLike(const FilterDemo& demo, const cv::Mat& like) {
    cv::Mat m = demo.middle(), converted;
    const int channels = like.channels();
    if (m.channels() != channels)
        cv::cvtColor(m, m, channels == 1 ? cv::COLOR_BGR2GRAY : channels == 3 ? cv::COLOR_GRAY2BGR : cv::COLOR_GRAY2BGRA);
    m.convertTo(converted, like.depth(), like.depth() == CV_8U ? 1.0 : 1.0 / 255);
    return converted;
}

// input | output, or input | middle | output.
cv::Mat sideBySide(const FilterDemo& demo, const cv::Mat& in, const cv::Mat& out) {
    std::vector<cv::Mat> panels{in, out};
    if (demo.middle) panels.insert(panels.begin() + 1, middleLike(demo, in));
    cv::Mat all;
    cv::hconcat(panels, all);
    return all;
}

std::string panelNames(const FilterDemo& demo) {
    return demo.middle ? "input | " + demo.middleLabel + " | output" : "input | output";
}

// The picture as the filters take it: 8 bits as it is, 16 bits scaled to float [0, 1], float
// checked to lie in [0, 1] (the range found is named otherwise).
cv::Mat filterable(const cv::Mat& image, const std::string& path) {
    if (image.depth() == CV_8U) return image;
    cv::Mat f;
    if (image.depth() == CV_16U) {
        image.convertTo(f, CV_32F, 1.0 / 65535);
        return f;
    }
    if (image.depth() != CV_32F) image.convertTo(f, CV_32F);
    else f = image;
    double lo = 0, hi = 0;
    cv::minMaxLoc(f.reshape(1), &lo, &hi);
    if (!cv::checkRange(f) || lo < 0 || hi > 1)
        throw std::runtime_error(cv::format("'%s' has float pixels from %g to %g; aecv's filters take float images "
                                            "in [0, 1] (scale it first)", path.c_str(), lo, hi));
    return f;
}

// A result back in the depth of the picture it came from.
cv::Mat inDepthOf(const cv::Mat& result, const cv::Mat& original) {
    if (original.depth() == result.depth()) return result;
    cv::Mat back;
    result.convertTo(back, original.depth(), original.depth() == CV_16U ? 65535.0 : 1.0);
    return back;
}

int runOnImage(const FilterDemo& demo, const SourceOptions& o) {
    cv::Mat image;
    {
        QuietOpenCV quiet;
        image = cv::imread(o.input, cv::IMREAD_UNCHANGED);
    }
    if (image.empty()) throw std::runtime_error("cannot read '" + o.input + "': OpenCV cannot decode it");
    const cv::Mat clean = filterable(image, o.input);
    cv::RNG rng(o.seed);
    std::signal(SIGINT, stopNow);
    const cv::Mat in = demo.spoil ? demo.spoil(clean, rng) : clean;
    cv::Mat out;
    demo.restore(in, out);
    std::signal(SIGINT, noteInterrupt);  // the write below is short and atomic: let it finish
    if (demo.spoil)
        std::cout << psnrLine(demo, cv::PSNR(clean, in, peakOf(clean)), cv::PSNR(clean, out, peakOf(clean))) << "\n";
    if (!o.output.empty()) {
        writeImage(o.output, inDepthOf(o.compare ? sideBySide(demo, in, out) : out, image));
        std::cout << "wrote " << o.output << "\n";
    }
    if (demo.middle && !demo.middleOutput.empty()) {
        writeImage(demo.middleOutput, demo.middle());
        std::cout << "wrote " << demo.middleOutput << "\n";
    }
    if (!o.headless) {
        cv::imshow(demo.name + ": " + panelNames(demo) + " (any key to quit)", sideBySide(demo, in, out));
        cv::waitKey(0);
    }
    return 0;
}

// Opens --input or the camera (quietly: OpenCV's backends warn when there is none), else vtest.avi.
cv::VideoCapture openVideo(const SourceOptions& o, std::string& source) {
    QuietOpenCV quiet;
    cv::VideoCapture capture;
    if (!o.input.empty()) {
        source = o.input;
        capture.open(source);
        if (!capture.isOpened())
            throw std::runtime_error("cannot open '" + source + "': not an image or a video OpenCV can decode");
    } else {
        capture.open(o.camera);
        source = "camera " + std::to_string(o.camera);
        if (!capture.isOpened()) {
            std::cout << "no " << source << "; playing " << kFallbackVideo << " instead\n";
            source = kFallbackVideo;
            capture.open(source);
        }
    }
    if (!capture.isOpened()) throw std::runtime_error("cannot open '" + source + "'");
    return capture;
}

}  // namespace

void SourceOptions::addTo(po::options_description& options) {
    options.add_options()
        ("camera", po::value(&camera)->default_value(camera), "webcam index (used without --input)")
        ("input", po::value(&input), "a video or image file instead of the camera")
        ("model", po::value(&model), "an aecv model file (default: the shipped one)")
        ("headless", po::bool_switch(&headless), "no window (the default when there is no display)")
        ("output", po::value(&output), "write the result here: a video (MJPG .avi) or an image")
        ("compare", po::bool_switch(&compare), "write input | output side by side to --output")
        ("frames", po::value(&frames)->default_value(frames), "stop after this many frames (0: at the end)")
        ("seed", po::value(&seed)->default_value(seed), "seed of the added corruption")
        ("precision", po::value(&precision)->default_value(precision),
         "auto, f32 or bf16 (about twice as fast, PSNR within 0.05 dB; auto: bf16 where the CPU has "
         "AVX-512 BF16)")
        ("input-list", po::value(&inputList), "a text file of images and videos, one path a line: filter them all "
         "into --output-dir (shared out among the processes under mpirun)")
        ("output-dir", po::value(&outputDir), "with --input-list: where the results go, under the inputs' names (a "
         "video as NAME.avi); created if missing");
}

void SourceOptions::check() {
    if (frames < 0) throw UsageError(cv::format("--frames is %d; expected 0 or more", frames));
    if (!inputList.empty() || !outputDir.empty()) {
        if (inputList.empty()) throw UsageError("--output-dir goes with --input-list (the files to filter)");
        if (outputDir.empty()) throw UsageError("--input-list needs --output-dir (where the results go)");
        if (!input.empty() || !output.empty())
            throw UsageError("--input-list filters many files into --output-dir: leave out --input and --output");
        if (!unreadableReason(inputList).empty())
            throw UsageError("--input-list '" + inputList + "': " + unreadableReason(inputList));
        std::error_code error;
        if (std::filesystem::exists(outputDir, error) && !std::filesystem::is_directory(outputDir, error))
            throw UsageError("--output-dir '" + outputDir + "' is a file, not a folder");
        if (!model.empty() && !unreadableReason(model).empty())
            throw UsageError("--model '" + model + "': " + unreadableReason(model));
        if (precision != "auto" && precision != "f32" && precision != "bf16")
            throw UsageError("--precision is '" + precision + "'; expected auto, f32 or bf16");
        headless = true;  // a batch shows no window
        return;
    }
    if (!output.empty()) {
        checkOutputPath("--output", output, {input, model});
        // A video does not fit in one picture: say so rather than keep only its first frame.
        const bool cameraOrVideo = input.empty() || (unreadableReason(input).empty() && !isImageFile(input));
        if (isImageOutput("--output", output) && cameraOrVideo)
            throw UsageError("--output '" + output + "' is an image, but the input (" +
                             (input.empty() ? "the camera" : "'" + input + "'") +
                             ") is a video: give --output a video file (.avi), or --input a picture");
    }
    if (!model.empty() && !unreadableReason(model).empty())
        throw UsageError("--model '" + model + "': " + unreadableReason(model));
    if (precision != "auto" && precision != "f32" && precision != "bf16")
        throw UsageError("--precision is '" + precision + "'; expected auto, f32 or bf16");
    if (!headless && !haveDisplay()) {
        std::cout << "no display: running headless" << (output.empty() ? " (add --output FILE to keep the result)" : "")
                  << "\n";
        headless = true;
    }
}

namespace {

// --input or the camera: a picture, else a video.
int runSource(const FilterDemo& demo, const SourceOptions& o) {
    if (!o.input.empty() && !unreadableReason(o.input).empty())
        throw std::runtime_error("cannot open '" + o.input + "': " + unreadableReason(o.input));
    if (demo.startSource) demo.startSource();
    if (isImageFile(o.input)) return runOnImage(demo, o);

    std::string source;
    cv::VideoCapture capture = openVideo(o, source);
    const bool camera = o.input.empty() && source != kFallbackVideo;
    const double fps = capture.get(cv::CAP_PROP_FPS);
    VideoOutput writer(o.output), middleWriter(demo.middle ? demo.middleOutput : std::string());
    const std::string title = demo.name + ": " + panelNames(demo) + " (q to quit)";
    cv::RNG rng(o.seed);
    cv::Mat frame, in, out;
    int count = 0;
    double psnrIn = 0, psnrOut = 0, seconds = 0;
    while (!interrupted && (o.frames == 0 || count < o.frames)) {
        if (!capture.read(frame) || frame.empty()) {
            if (count == 0 && !camera)
                throw std::runtime_error("cannot open '" + source + "': not an image or a video OpenCV can decode");
            if (camera) std::cerr << source << " stopped delivering frames after " << count << " frames\n";
            break;
        }
        in = demo.spoil ? demo.spoil(frame, rng) : frame;
        const auto start = std::chrono::steady_clock::now();
        demo.restore(in, out);
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        ++count;
        if (demo.spoil) {
            psnrIn += cv::PSNR(frame, in);
            psnrOut += cv::PSNR(frame, out);
        }
        if (!o.output.empty()) writer.write(o.compare ? sideBySide(demo, in, out) : out, fps);
        if (demo.middle && !demo.middleOutput.empty()) {
            cv::Mat m = demo.middle();
            if (m.channels() == 1) cv::cvtColor(m, m, cv::COLOR_GRAY2BGR);  // MJPG takes colour frames
            middleWriter.write(m, fps);
        }
        if (!o.headless) {
            cv::Mat both = sideBySide(demo, in, out);
            cv::putText(both, cv::format("%.1f fps", count / seconds), {10, 25}, cv::FONT_HERSHEY_SIMPLEX, 0.7,
                        cv::Scalar(0, 255, 0), 2);
            cv::imshow(title, both);
            const int key = cv::waitKey(1);
            if (key == 'q' || key == 27) break;
        }
    }
    if (interrupted) std::cout << "stopped by Ctrl-C after " << count << " frames\n";
    std::cout << cv::format("%d frames, %.1f frames/s (filter only)", count, count / std::max(seconds, 1e-9));
    if (demo.spoil && count > 0) std::cout << "; " << psnrLine(demo, psnrIn / count, psnrOut / count);
    std::cout << std::endl;
    if (!o.output.empty()) {
        writer.finish();
        if (writer.frames() > 0) std::cout << "wrote " << o.output << " (" << writer.frames() << " frames)\n";
    }
    if (demo.middle && !demo.middleOutput.empty()) {
        middleWriter.finish();
        if (middleWriter.frames() > 0)
            std::cout << "wrote " << demo.middleOutput << " (" << middleWriter.frames() << " frames)\n";
    }
    return 0;
}

// The paths --input-list names: one a line, surrounding blanks trimmed; empty lines and lines
// starting with '#' skipped.
std::vector<std::string> readInputList(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read --input-list '" + path + "': " + unreadableReason(path));
    std::vector<std::string> paths;
    for (std::string line; std::getline(in, line);) {
        const size_t first = line.find_first_not_of(" \t\r"), last = line.find_last_not_of(" \t\r");
        if (first == std::string::npos || line[first] == '#') continue;
        paths.push_back(line.substr(first, last - first + 1));
    }
    if (in.bad()) throw std::runtime_error("cannot read --input-list '" + path + "'");
    return paths;
}

int runBatch(const FilterDemo& demo, const SourceOptions& o, const Ranks& ranks) {
    const std::vector<std::string> inputs = readInputList(o.inputList);
    if (inputs.empty()) throw std::runtime_error("--input-list '" + o.inputList + "' names no files");
    // Every rank names every output the same way before any work: a picture keeps its name (and
    // format), a video becomes NAME.avi; two inputs must not write one file.
    std::vector<std::string> outputs;
    std::map<std::string, size_t> writtenBy;
    for (size_t i = 0; i < inputs.size(); ++i) {
        const std::filesystem::path in(inputs[i]);
        const std::string name = cv::haveImageWriter(in.filename().string()) ? in.filename().string()
                                                                             : in.stem().string() + ".avi";
        outputs.push_back((std::filesystem::path(o.outputDir) / name).string());
        const auto [at, fresh] = writtenBy.emplace(outputs.back(), i);
        if (!fresh)
            throw std::runtime_error("--input-list: '" + inputs[at->second] + "' and '" + inputs[i] +
                                     "' would both be written to '" + outputs.back() + "'");
    }
    std::error_code error;
    std::filesystem::create_directories(o.outputDir, error);
    if (error) throw std::runtime_error("cannot create --output-dir '" + o.outputDir + "': " + error.message());

    const std::string who = ranks.size() > 1 ? cv::format("rank %d of %d: ", ranks.rank(), ranks.size()) : "";
    long done = 0, failed = 0;
    for (size_t i = static_cast<size_t>(ranks.rank()); i < inputs.size() && !interrupted;
         i += static_cast<size_t>(ranks.size())) {
        std::cout << who << cv::format("[%zu/%zu] ", i + 1, inputs.size()) << inputs[i] << " -> " << outputs[i]
                  << std::endl;
        SourceOptions one = o;
        one.inputList.clear();
        one.outputDir.clear();
        one.input = inputs[i];
        one.output = outputs[i];
        try {
            checkOutputPath("--output-dir", one.output, {one.input, o.model, o.inputList});
            runSource(demo, one);
            ++done;
        } catch (const cv::Exception& e) {
            std::cerr << "error: " << inputs[i] << ": " << e.err << std::endl;
            ++failed;
        } catch (const std::exception& e) {
            std::cerr << "error: " << inputs[i] << ": " << e.what() << std::endl;
            ++failed;
        }
    }
    // Connected ranks report once, for the whole job; unconnected ones each for their share.
    const long allDone = ranks.sum(done), allFailed = ranks.sum(failed);
    if (ranks.rank() == 0 || !ranks.connected()) {
        const long total = ranks.connected() || ranks.size() == 1 ? static_cast<long>(inputs.size()) : done + failed;
        std::cout << (ranks.connected() ? "" : who)
                  << cv::format("filtered %ld of %ld files into %s", allDone, total, o.outputDir.c_str());
        if (ranks.size() > 1)
            std::cout << (ranks.connected() ? cv::format(" on %d processes", ranks.size())
                                            : std::string(" (this process's share: aecv was built without MPI)"));
        if (allFailed > 0) std::cout << cv::format("; %ld failed (named above)", allFailed);
        if (interrupted) std::cout << "; stopped by Ctrl-C";
        std::cout << std::endl;
    }
    return allFailed > 0 || interrupted ? 1 : 0;
}

}  // namespace

int runFilterDemo(const FilterDemo& demo, const SourceOptions& o) {
    // FFmpeg logs through its own channel ("[png @ 0x...] Invalid PNG signature" for a file that is
    // not a video): keep only its fatal messages unless the user asked for more.
    ::setenv("OPENCV_FFMPEG_LOGLEVEL", "8", 0);
    std::signal(SIGINT, noteInterrupt);
    std::unique_ptr<Ranks> ranks;
    if (!o.inputList.empty()) ranks = std::make_unique<Ranks>();
    const bool bf16 = o.precision == "bf16" || (o.precision == "auto" && aecv::hasBf16());
    aecv::setPrecision(bf16 ? aecv::Precision::BF16 : aecv::Precision::F32);
    if (o.precision == "auto" && (!ranks || ranks->rank() == 0))
        std::cout << "precision: " << (bf16 ? "bf16 (this CPU has AVX-512 BF16; --precision f32 for float)" : "f32")
                  << "\n";
    return ranks ? runBatch(demo, o, *ranks) : runSource(demo, o);
}

}  // namespace aecv::samples
