// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// aecv-train under faults, run as a user runs it: killed with SIGKILL at random moments (while
// training, while writing a checkpoint, while writing the model) and resumed until it finishes;
// a disk that fills up (a small tmpfs) while checkpointing or writing the model.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "checkpoint.hpp"
#include "models.hpp"
#include "support.hpp"

extern char** environ;

using namespace aecv;

namespace {

using Clock = std::chrono::steady_clock;

// The small recipe every run here trains: 12 epochs of 188 steps (~0.2 s each), a 1.3 MB checkpoint.
std::vector<std::string> trainArgs(const test::TempDir& dir, const std::string& out) {
    return {AECV_TRAIN_TOOL, "--preset", "stacked", "--limit", "6000", "--epochs", "12", "--seed", "5",
            "--threads", "1", "--out", out, "--checkpoint", dir.file("run.ckpt")};
}

// Runs a tool with stdout and stderr appended to `log`. With `slowWrites`, large file writes and
// fsync are slowed (tests/slow_writes.cpp preloaded) so that a poller sees every write in the act.
pid_t spawn(std::vector<std::string> args, const std::string& log, bool slowWrites = false) {
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&files, 1, 2);
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
        const std::string var = *e;
        if (!slowWrites || (var.rfind("LD_PRELOAD=", 0) != 0 && var.rfind("ASAN_OPTIONS=", 0) != 0))
            env.push_back(var);
    }
    if (slowWrites) {
        const char* preload = std::getenv("LD_PRELOAD");
        const char* asan = std::getenv("ASAN_OPTIONS");
        env.push_back(std::string("LD_PRELOAD=") + AECV_SLOW_WRITES + (preload ? std::string(":") + preload : ""));
        // The sanitizer runtime is not first in the library list once something is preloaded.
        env.push_back(std::string("ASAN_OPTIONS=") + (asan ? std::string(asan) + ":" : "") + "verify_asan_link_order=0");
    }
    std::vector<char*> envp;
    for (std::string& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, argv[0], &files, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&files);
    REQUIRE(rc == 0);
    return pid;
}

// Bytes in the largest temporary file of an atomic write of `path` (-1: none).
off_t tempBytes(const std::string& path) {
    const std::vector<std::string> temps = test::temporariesOf(path);
    struct stat s {};
    return !temps.empty() && ::stat(temps.front().c_str(), &s) == 0 ? s.st_size : -1;
}

enum class KillAt { Delay, CheckpointWrite, ModelWrite };

struct Outcome {
    bool exited = false;  // finished by itself
    int status = -1;
    bool killedMidWrite = false;
};

// Runs until the process ends or the moment `at` comes, then SIGKILLs it. A write is caught in
// the act by polling for its temporary file (with at least `minBytes` in it).
Outcome runAndKill(pid_t pid, KillAt at, double delaySeconds, const std::string& written, off_t minBytes) {
    const auto deadline = Clock::now() + std::chrono::duration<double>(delaySeconds);
    for (;;) {
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) == pid)
            return {true, WIFEXITED(status) ? WEXITSTATUS(status) : -1, false};
        const bool now = at == KillAt::Delay ? Clock::now() >= deadline : tempBytes(written) >= minBytes;
        if (now) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            return {false, -1, at != KillAt::Delay};
        }
        if (at == KillAt::Delay) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

std::string readText(const std::string& path) { return test::runCommand("cat '" + path + "'").out; }


}  // namespace

TEST_SUITE("faults") {

TEST_CASE("aecv-train killed with SIGKILL at random moments resumes every time and ends with the uninterrupted model") {
    test::TempDir dir;
    const std::string log = dir.file("log.txt");
    {
        test::TempDir refDir;
        pid_t pid = spawn(trainArgs(refDir, refDir.file("ref.onnx")), log);
        REQUIRE(runAndKill(pid, KillAt::Delay, 600, "", 0).status == 0);
        std::filesystem::copy_file(refDir.file("ref.onnx"), dir.file("ref.onnx"));
    }
    const model::Model reference = model::readOnnx(dir.file("ref.onnx"));

    const std::string out = dir.file("run.onnx"), ckpt = dir.file("run.ckpt");
    // Kills at random moments and in the middle of checkpoint writes (each kept checkpoint is the
    // one before), then one in the middle of the model write, then a run left to finish.
    const KillAt schedule[] = {KillAt::Delay, KillAt::CheckpointWrite, KillAt::Delay, KillAt::CheckpointWrite,
                               KillAt::Delay, KillAt::CheckpointWrite, KillAt::Delay, KillAt::ModelWrite};
    cv::RNG rng(2026);
    int killedTraining = 0, killedCheckpointing = 0, killedWritingModel = 0, lastEpoch = 0;
    for (KillAt at : schedule) {
        std::vector<std::string> args = trainArgs(dir, out);
        if (std::filesystem::exists(ckpt)) args.insert(args.end(), {"--resume", ckpt});
        const off_t minBytes = at == KillAt::CheckpointWrite ? 1 + rng.uniform(0, 1300000) : 1;
        const std::string written = at == KillAt::ModelWrite ? out : ckpt;
        const Outcome o = runAndKill(spawn(args, log, true), at, rng.uniform(0.25, 0.7), written, minBytes);
        REQUIRE_MESSAGE(!o.exited, readText(log));  // every scheduled kill lands before the run ends
        if (at == KillAt::Delay) ++killedTraining;
        else if (at == KillAt::CheckpointWrite) ++killedCheckpointing;
        else ++killedWritingModel;
        // Whatever the moment, what is on disk under the real names is whole.
        if (std::filesystem::exists(ckpt)) {
            const train::Checkpoint c = train::readCheckpoint(ckpt);
            CHECK(c.epochsDone >= lastEpoch);
            lastEpoch = c.epochsDone;
        }
        CHECK_FALSE(std::filesystem::exists(out));
    }
    CHECK(lastEpoch == 12);  // the model-write kill came after the last checkpoint
    std::vector<std::string> args = trainArgs(dir, out);
    args.insert(args.end(), {"--resume", ckpt});
    const Outcome outcome = runAndKill(spawn(args, log), KillAt::Delay, 600, "", 0);
    CHECK_MESSAGE(outcome.status == 0, readText(log));
    MESSAGE("killed while training " << killedTraining << "x, while checkpointing " << killedCheckpointing
                                     << "x, while writing the model " << killedWritingModel << "x");
    CHECK(readText(log).find("resuming stacked after epoch") != std::string::npos);

    // Bit for bit the model of the run that was never interrupted.
    const model::Model resumed = model::readOnnx(out);
    REQUIRE(resumed.nodes.size() == reference.nodes.size());
    for (size_t i = 0; i < reference.nodes.size(); ++i)
        for (size_t k = 0; k < reference.nodes[i].weights.size(); ++k)
            CHECK(test::maxAbsDiff(resumed.nodes[i].weights[k], reference.nodes[i].weights[k]) == 0);
}

TEST_CASE("Ctrl-C stops aecv-train, saying where and with the exact command that resumes it") {
    test::TempDir dir;
    const std::string out = dir.file("run.onnx"), ckpt = dir.file("run.ckpt"), log = dir.file("log.txt");
    const pid_t pid = spawn(trainArgs(dir, out), log);
    // Once the first checkpoint is whole (its temporary is gone), interrupt as a terminal would.
    const auto deadline = Clock::now() + std::chrono::seconds(300);
    while (!(std::filesystem::exists(ckpt) && test::temporariesOf(ckpt).empty()) && Clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ::kill(pid, SIGINT);
    int status = 0;
    ::waitpid(pid, &status, 0);
    const std::string text = readText(log);
    CAPTURE(text);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 130);
    CHECK(text.find("interrupted at epoch ") != std::string::npos);
    CHECK(text.find(" of 188; the checkpoint after epoch ") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out));
    const size_t at = text.find("resume with: aecv-train ");
    REQUIRE(at != std::string::npos);
    const std::string command = text.substr(at + 13, text.find('\n', at) - at - 13);
    CHECK(command == "aecv-train --preset stacked --limit 6000 --epochs 12 --seed 5 --threads 1 --out " + out +
                     " --checkpoint " + ckpt + " --resume " + ckpt);
    CHECK(train::readCheckpoint(ckpt).epochsDone >= 1);
}

TEST_CASE("a disk that fills up gives a clear error and keeps the previous checkpoint with nothing half-written") {
    test::TempDir dir;
    test::SmallDisk small(dir.file("small"), 2000);  // room for one 1.3 MB checkpoint, not for two
    if (!small.mounted()) {
        MESSAGE("aecv-test-skipped: cannot mount a tmpfs here (needs root)");
        return;
    }
    std::vector<std::string> args = trainArgs(dir, dir.file("run.onnx"));
    const std::string ckpt = dir.file("small/run.ckpt");
    args.back() = ckpt;
    const std::string log = dir.file("log.txt");
    const Outcome full = runAndKill(spawn(args, log), KillAt::Delay, 600, "", 0);
    const std::string text = readText(log);
    CAPTURE(text);
    CHECK(full.status == 1);
    CHECK(text.find("error: checkpoint: cannot write '" + ckpt + "': No space left on device; '" + ckpt +
                    "' is unchanged") != std::string::npos);
    CHECK(test::temporariesOf(ckpt).empty());
    CHECK_FALSE(std::filesystem::exists(dir.file("run.onnx")));
    REQUIRE(std::filesystem::exists(ckpt));
    CHECK(train::readCheckpoint(ckpt).epochsDone == 1);

    // The kept checkpoint resumes; the model then goes to a disk too small for it.
    test::SmallDisk tiny(dir.file("tiny"), 300);
    REQUIRE(tiny.mounted());
    const std::string out = dir.file("tiny/run.onnx");
    std::vector<std::string> resume = trainArgs(dir, out);
    resume.back() = dir.file("elsewhere.ckpt");
    resume.insert(resume.end(), {"--resume", ckpt});
    const Outcome tooSmall = runAndKill(spawn(resume, log), KillAt::Delay, 600, "", 0);
    const std::string text2 = readText(log);
    CAPTURE(text2);
    CHECK(tooSmall.status == 1);
    CHECK(text2.find("resuming stacked after epoch 1 from " + ckpt) != std::string::npos);
    CHECK(text2.find("error: cannot write '" + out + "': No space left on device; '" + out + "' is unchanged") !=
          std::string::npos);
    CHECK(std::filesystem::is_empty(dir.file("tiny")));
}

}  // TEST_SUITE
