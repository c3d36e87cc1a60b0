#!/usr/bin/env python3
"""Trains a small logistic-regression classifier: the training program the ML Pipeline examples run.

Python 3.9+ standard library only. The data set is generated from a seed (two overlapping Gaussian blobs), so every
run with the same flags produces byte-identical model.json and result.json files.

Command line: Python Fire conventions, as the mlTrain step renders its params: one `--name=value` item per flag
(also `--name value`, `--flag` / `--noflag` for booleans, `--batch-size` for `--batch_size`, and a single-letter
shortcut such as `-e=5` when one flag starts with that letter). Values are read the way Fire reads them: as a Python
literal when they are one (`0.05`, `20`, `True`, `'1.10'`), else as the plain text (`v3`, `/ml/outputs`). Each flag
then has to hold its declared type; `--help` lists the flags.

stdout: plain log lines, and per epoch one line that is exactly one JSON object of numbers (a metrics event):
    {"epoch": 3, "loss": 0.31, "accuracy": 0.88, "val_loss": 0.33, "val_accuracy": 0.87}
Files in --output_dir (created if missing): model.json, metrics.csv, then result.json last.

Exit codes: 0 trained; 1 the output directory cannot be written; 2 bad command line; 3 training failed (a Python
traceback on stderr: --fail_at_epoch, or a diverged loss); 130 interrupted (SIGINT).
"""

import ast
import csv
import difflib
import io
import json
import math
import os
import random
import sys
import time
import traceback

PROG = "train.py"
TRAINER_VERSION = "1.0"
METRIC_NAMES = ("epoch", "loss", "accuracy", "val_loss", "val_accuracy")
VALIDATION_FRACTION = 0.2
# Distance between the two class means, in standard deviations: the blobs overlap, so the best possible accuracy is
# about 0.92 and the learning curve is visible instead of jumping to 1.0 in the first epoch.
CLASS_SEPARATION = 2.8

EXIT_OK = 0
EXIT_OUTPUT_ERROR = 1
EXIT_USAGE = 2
EXIT_TRAINING_FAILED = 3
EXIT_INTERRUPTED = 130


class Flag:
    """One command-line flag: its Python type, default, and a check of the value's range."""

    def __init__(self, name, kind, default, help_text, check=None, optional=False):
        self.name = name
        self.kind = kind  # "int", "float", "bool" or "str"
        self.default = default
        self.help_text = help_text
        self.check = check  # value -> problem text or None
        self.optional = optional  # None is allowed

    def metavar(self):
        return {"int": "INT", "float": "FLOAT", "bool": "BOOL", "str": "TEXT"}[self.kind]


def _at_least(minimum):
    return lambda value: None if value >= minimum else "must be at least %r" % (minimum,)


def _between(minimum, maximum):
    def check(value):
        if minimum <= value <= maximum:
            return None
        return "must be between %r and %r" % (minimum, maximum)
    return check


def _positive(value):
    return None if value > 0 else "must be greater than 0"


def _not_empty(value):
    return None if value.strip() else "must not be empty"


FLAGS = (
    Flag("lr", "float", 0.05, "learning rate of the mini-batch gradient descent", _positive),
    Flag("epochs", "int", 20, "passes over the training set", _between(1, 100000)),
    Flag("batch_size", "int", 64, "examples per gradient step", _between(1, 1000000)),
    Flag("l2", "float", 0.001, "L2 regularisation strength", _at_least(0.0)),
    Flag("seed", "int", 7, "seed of the weight initialisation and the shuffling", _at_least(0)),
    Flag("shuffle", "bool", True, "reshuffle the training set every epoch (--noshuffle to keep its order)"),
    Flag("data_seed", "int", 1234, "seed of the generated data set", _at_least(0)),
    Flag("data_version", "str", "synthetic-v1", "label of the data set, recorded in model.json and result.json"),
    Flag("n_samples", "int", 2000, "examples generated (80% training, 20% validation)", _between(10, 1000000)),
    Flag("n_features", "int", 8, "features per example", _between(1, 1000)),
    Flag("output_dir", "str", "outputs", "directory for model.json, metrics.csv and result.json", _not_empty),
    Flag("epoch_delay", "float", 0.0, "seconds to sleep after each epoch (to watch or cancel a run)",
         _between(0.0, 3600.0)),
    Flag("fail_at_epoch", "int", None, "raise an error during this epoch and exit 3 (to try failure handling)",
         _at_least(1), optional=True),
)
FLAGS_BY_NAME = {flag.name: flag for flag in FLAGS}
# Flags that change the trained model. The others (where files go, pacing, failure injection) are left out of
# model.json so that the same training gives the same file, hence the same sha256, wherever it ran.
MODEL_FLAGS = ("lr", "epochs", "batch_size", "l2", "seed", "shuffle")
DATA_FLAGS = ("data_seed", "data_version", "n_samples", "n_features")


class UsageError(Exception):
    """A bad command line; carries every problem found, one sentence each."""

    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = problems


class TrainingDiverged(RuntimeError):
    pass


# ---------------------------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------------------------

class _BareNamesAsStrings(ast.NodeTransformer):
    """Fire reads a bare name such as `adam` inside a value as the string 'adam'; True, False and None stay."""

    def visit_Name(self, node):
        if node.id in ("True", "False", "None"):
            return node
        return ast.copy_location(ast.Constant(node.id), node)


def fire_value(text):
    """The Python value Fire makes of one flag's text: a literal if it is one, else the text unchanged.

    Like Fire, a top-level operation such as `1+2j` stays text instead of being computed.
    """
    try:
        tree = ast.parse(text, mode="eval")
        if isinstance(tree.body, ast.BinOp):
            return text
        return ast.literal_eval(_BareNamesAsStrings().visit(tree))
    except (SyntaxError, ValueError, TypeError, MemoryError, RecursionError):
        # SyntaxError and ValueError are Fire's "not a literal"; the others (null bytes, absurd nesting) would
        # crash Fire, so they are treated the same way here instead.
        return text


def _is_flag(item):
    """Fire's test: `--anything`, or one dash followed by a letter (so `-0.5` is a value, not a flag)."""
    return item.startswith("--") or (len(item) >= 2 and item[0] == "-" and item[1].isascii() and item[1].isalpha())


def _resolve_name(key, bool_syntax):
    """The flag a key names (exact, `no` prefix for booleans, unique first letter), or raise ValueError.

    Fire would also accept `--nolr` as lr=False; refusing it as unknown gives a clearer message.
    """
    if key in FLAGS_BY_NAME:
        return key, None
    negated = FLAGS_BY_NAME.get(key[2:]) if bool_syntax and key.startswith("no") else None
    if negated is not None and negated.kind == "bool":
        return negated.name, False
    if len(key) == 1:
        candidates = [flag.name for flag in FLAGS if flag.name.startswith(key)]
        if len(candidates) == 1:
            return candidates[0], None
        if len(candidates) > 1:
            raise ValueError("-%s is ambiguous: it could mean %s" % (key, " or ".join("--" + c for c in candidates)))
    raise ValueError(_unknown_flag_message(key))


def _unknown_flag_message(key):
    message = "unknown flag --%s" % key
    close = difflib.get_close_matches(key, FLAGS_BY_NAME, n=1)
    if close:
        message += " (did you mean --%s?)" % close[0]
    return message + "; known flags: " + ", ".join("--" + flag.name for flag in FLAGS)


def _describe(value):
    if value is None or isinstance(value, bool):
        return repr(value)
    kind = {str: "string", int: "integer", float: "float"}.get(type(value), type(value).__name__)
    return "the %s %r" % (kind, value)


def _typed(flag, value, raw, bare):
    """Checks one Fire-parsed value against its flag; returns (value, problem)."""
    option = "--" + flag.name
    if bare and flag.kind != "bool":
        return None, "%s needs a value, e.g. %s=%s" % (option, option, flag.metavar())
    if value is None and flag.optional:
        return None, None
    if flag.kind == "bool":
        if isinstance(value, bool):
            return value, None
        return None, "%s must be True or False (Fire's spelling), got %s" % (option, _describe(value))
    if flag.kind == "str":
        if isinstance(value, str):
            return value, None
        # Fire has already turned the text into another type (`1.10` into 1.1): taking str() of it would silently
        # change the value, which is the bug quoting exists to prevent.
        return None, "%s must be a string, but %r reads as %s; quote it to keep the text: %s=%r" % (
            option, raw, _describe(value), option, raw)
    if flag.kind == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            return value, None
        return None, "%s must be an integer, got %s" % (option, _describe(value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            number = float(value)
        except OverflowError:
            number = math.inf
        if math.isfinite(number):
            return number, None
        return None, "%s must be a finite number, got %r" % (option, raw)
    return None, "%s must be a number, got %s" % (option, _describe(value))


def parse_args(argv):
    """The flag values (defaults filled in) for argv, which excludes the program name.

    Raises UsageError listing every problem. A flag given twice keeps its last value, as with Fire, so `args` of
    mlTrain can set defaults that its `params` (rendered after them) override.
    """
    given = {}
    problems = []
    index = 0
    while index < len(argv):
        item = argv[index]
        index += 1
        if not _is_flag(item):
            problems.append("unexpected argument %r: this program takes only flags such as --lr=0.05" % item)
            continue
        stripped = item.lstrip("-")
        has_equals = "=" in stripped
        key, raw = stripped.split("=", 1) if has_equals else (stripped, None)
        key = key.replace("-", "_")
        bool_syntax = not has_equals and (index == len(argv) or _is_flag(argv[index]))
        takes_next = not has_equals and not bool_syntax
        if takes_next:
            raw = argv[index]
            index += 1
        try:
            name, negated_value = _resolve_name(key, bool_syntax)
        except ValueError as unknown:
            problems.append(str(unknown))
            continue
        flag = FLAGS_BY_NAME[name]
        if bool_syntax:
            value = negated_value if negated_value is not None else True
            raw = repr(value)
        else:
            value = fire_value(raw)
        typed, problem = _typed(flag, value, raw, bare=bool_syntax and negated_value is None)
        if problem is None and typed is not None and flag.check is not None:
            range_problem = flag.check(typed)
            problem = None if range_problem is None else "--%s %s, got %r" % (name, range_problem, typed)
        if problem is not None:
            problems.append(problem)
        else:
            given[name] = typed
    values = {flag.name: flag.default for flag in FLAGS}
    values.update(given)
    if not problems:  # with a refused flag its default would stand in and mislead these checks
        problems.extend(_cross_checks(values, given))
    if problems:
        raise UsageError(problems)
    return values


def _cross_checks(values, given):
    problems = []
    failing = values["fail_at_epoch"]
    if failing is not None and failing > values["epochs"]:
        problems.append("--fail_at_epoch=%d is after the last epoch (--epochs=%d), so it would never fail"
                        % (failing, values["epochs"]))
    train_size = values["n_samples"] - validation_size(values["n_samples"])
    if "batch_size" in given and values["batch_size"] > train_size:
        problems.append("--batch_size=%d is larger than the training set (%d examples of --n_samples=%d)"
                        % (values["batch_size"], train_size, values["n_samples"]))
    return problems


def usage_line():
    return "usage: %s [--name=value ...]   (--help lists the flags)" % PROG


def help_text():
    lines = [usage_line(), "", __doc__.strip().splitlines()[0], "", "flags:"]
    for flag in FLAGS:
        lines.append("  --%s=%s  %s (default: %r)" % (flag.name, flag.metavar(), flag.help_text, flag.default))
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------------------------
# Data and model
# ---------------------------------------------------------------------------------------------------------------

def validation_size(n_samples):
    return max(1, int(round(n_samples * VALIDATION_FRACTION)))


def make_dataset(n_samples, n_features, data_seed):
    """Two Gaussian blobs (unit variance) whose means lie CLASS_SEPARATION apart along a random direction.

    Returns (train, validation), each a list of (features, label) with label 0 or 1.
    """
    rng = random.Random(data_seed)
    direction = [rng.gauss(0.0, 1.0) for _ in range(n_features)]
    norm = math.sqrt(sum(d * d for d in direction)) or 1.0
    offset = [CLASS_SEPARATION / 2.0 * d / norm for d in direction]
    rows = []
    for _ in range(n_samples):
        label = 1 if rng.random() < 0.5 else 0
        sign = 1.0 if label else -1.0
        rows.append(([sign * o + rng.gauss(0.0, 1.0) for o in offset], label))
    held_out = validation_size(n_samples)
    return rows[held_out:], rows[:held_out]


def _log_loss_from_logit(z, label):
    """-log p(label | z) written so that large |z| neither overflows nor loses precision."""
    return max(z, 0.0) - z * label + math.log1p(math.exp(-abs(z)))


def _sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


class LogisticRegression:

    def __init__(self, n_features, rng):
        # Small random weights rather than zeros, so the seed visibly matters.
        self.weights = [rng.gauss(0.0, 0.01) for _ in range(n_features)]
        self.bias = 0.0

    def logit(self, features):
        return self.bias + sum(w * x for w, x in zip(self.weights, features))

    def step(self, batch, lr, l2):
        """One gradient-descent step on the mean log loss of the batch plus (l2 / 2) * |w|^2."""
        grad_w = [0.0] * len(self.weights)
        grad_b = 0.0
        for features, label in batch:
            error = _sigmoid(self.logit(features)) - label
            grad_b += error
            for i, x in enumerate(features):
                grad_w[i] += error * x
        scale = 1.0 / len(batch)
        self.weights = [w - lr * (g * scale + l2 * w) for w, g in zip(self.weights, grad_w)]
        self.bias -= lr * grad_b * scale

    def evaluate(self, rows):
        """(mean log loss, accuracy) on rows; the loss excludes the L2 term so it compares across --l2."""
        loss = 0.0
        correct = 0
        for features, label in rows:
            z = self.logit(features)
            loss += _log_loss_from_logit(z, label)
            correct += (z > 0) == (label == 1)
        return loss / len(rows), correct / len(rows)


def train(config, out):
    """Fits the model, printing progress and one metrics line per epoch to out. Returns (model, history)."""
    train_rows, val_rows = make_dataset(config["n_samples"], config["n_features"], config["data_seed"])
    _say(out, "loading data: %d generated examples with %d features (data_seed=%d, data_version=%r), "
              "%d for training and %d for validation" % (config["n_samples"], config["n_features"],
                                                          config["data_seed"], config["data_version"],
                                                          len(train_rows), len(val_rows)))
    _say(out, "training logistic regression: " + " ".join("%s=%r" % (name, config[name]) for name in MODEL_FLAGS))
    rng = random.Random(config["seed"])
    model = LogisticRegression(config["n_features"], rng)
    order = list(range(len(train_rows)))
    batch_size = config["batch_size"]
    history = []
    for epoch in range(1, config["epochs"] + 1):
        if config["shuffle"]:
            rng.shuffle(order)
        for start in range(0, len(order), batch_size):
            model.step([train_rows[i] for i in order[start:start + batch_size]], config["lr"], config["l2"])
            if epoch == config["fail_at_epoch"]:
                # Mid-epoch, after real work, like a crash would be: this epoch prints no metrics line.
                raise RuntimeError("injected failure in epoch %d (--fail_at_epoch=%d)" % (epoch, epoch))
        loss, accuracy = model.evaluate(train_rows)
        val_loss, val_accuracy = model.evaluate(val_rows)
        if not all(math.isfinite(v) for v in (loss, val_loss, model.bias, *model.weights)):
            raise TrainingDiverged("training diverged in epoch %d (loss %r): lower --lr=%r"
                                   % (epoch, loss, config["lr"]))
        metrics = {"epoch": epoch, "loss": round(loss, 6), "accuracy": round(accuracy, 6),
                   "val_loss": round(val_loss, 6), "val_accuracy": round(val_accuracy, 6)}
        history.append(metrics)
        _say(out, json.dumps(metrics, allow_nan=False))
        if config["epoch_delay"] > 0:
            time.sleep(config["epoch_delay"])
    return model, history


def _say(out, line):
    # Flushed per line: the log follower shows each epoch as it happens, not when a buffer fills.
    out.write(line + "\n")
    out.flush()


# ---------------------------------------------------------------------------------------------------------------
# Output files
# ---------------------------------------------------------------------------------------------------------------

def model_document(model, config, history):
    return {
        "model_type": "logistic_regression",
        "format_version": 1,
        "feature_names": ["x%d" % i for i in range(config["n_features"])],
        "weights": model.weights,
        "bias": model.bias,
        "decision_threshold": 0.5,
        "params": {name: config[name] for name in MODEL_FLAGS},
        "data": dict({name: config[name] for name in DATA_FLAGS},
                     generator="two-gaussian-blobs", class_separation=CLASS_SEPARATION,
                     validation_fraction=VALIDATION_FRACTION),
        "metrics": history[-1],
        "trainer": {"name": "ml-pipeline-example-trainer", "version": TRAINER_VERSION},
    }


def result_document(config, history):
    final = history[-1]
    return {
        "accuracy": final["val_accuracy"],
        "loss": final["val_loss"],
        "train_accuracy": final["accuracy"],
        "train_loss": final["loss"],
        "epochs": config["epochs"],
        "data_version": config["data_version"],
        "model_file": "model.json",
    }


def metrics_csv(history):
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(METRIC_NAMES)
    for metrics in history:
        writer.writerow([metrics[name] for name in METRIC_NAMES])
    return text.getvalue()


def write_atomically(directory, name, text):
    """Writes directory/name through a temporary file, so a reader never sees half a file.

    Plain open() rather than tempfile.mkstemp: mkstemp makes the file private (0600), and the output sidecar that
    archives it may run as another user.
    """
    temporary = os.path.join(directory, ".%s.%d.tmp" % (name, os.getpid()))
    try:
        with open(temporary, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, os.path.join(directory, name))
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def write_outputs(directory, model, config, history):
    """model.json and metrics.csv first, result.json last: its presence means the run finished."""
    write_atomically(directory, "model.json", json.dumps(model_document(model, config, history), indent=2) + "\n")
    write_atomically(directory, "metrics.csv", metrics_csv(history))
    write_atomically(directory, "result.json", json.dumps(result_document(config, history), indent=2) + "\n")


# ---------------------------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------------------------

def main(argv=None, out=None, err=None):
    argv = sys.argv[1:] if argv is None else argv
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    if any(item in ("--help", "-h") for item in argv):
        out.write(help_text() + "\n")
        return EXIT_OK
    try:
        config = parse_args(argv)
    except UsageError as bad:
        err.write(usage_line() + "\n")
        for problem in bad.problems:
            err.write("%s: error: %s\n" % (PROG, problem))
        return EXIT_USAGE
    output_dir = config["output_dir"]
    try:
        # Before training, so that a run with nowhere to write fails at once instead of after all its epochs.
        os.makedirs(output_dir, exist_ok=True)
    except OSError as problem:
        err.write("%s: error: cannot create --output_dir %r: %s\n" % (PROG, output_dir, problem.strerror or problem))
        return EXIT_OUTPUT_ERROR
    started = time.monotonic()
    try:
        model, history = train(config, out)
    except KeyboardInterrupt:
        err.write("%s: interrupted\n" % PROG)
        return EXIT_INTERRUPTED
    except Exception:  # any training error: show it as Python does, and say the run failed
        traceback.print_exc(file=err)
        return EXIT_TRAINING_FAILED
    try:
        write_outputs(output_dir, model, config, history)
    except OSError as problem:
        err.write("%s: error: cannot write to --output_dir %r: %s\n" % (PROG, output_dir, problem.strerror or problem))
        return EXIT_OUTPUT_ERROR
    final = history[-1]
    _say(out, "wrote model.json, metrics.csv and result.json to %s" % os.path.abspath(output_dir))
    _say(out, "done in %.1f s: val_accuracy=%s val_loss=%s" % (time.monotonic() - started, final["val_accuracy"],
                                                               final["val_loss"]))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
