"""Tests of the example trainer. Run: python3 -m unittest discover -s examples/trainer

Standard library only. The command-line tests run train.py as the cluster emulator's local-process mode does: a
clean environment holding only PATH, HOME set to a fresh directory that is also the working directory.
"""

import ast
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRAIN_PY = HERE / "train.py"
sys.path.insert(0, str(HERE))

import train  # noqa: E402  (needs the path above when run from elsewhere)

RUN_TIMEOUT_SECONDS = 120


class Run:
    """The outcome of one train.py process."""

    def __init__(self, returncode, stdout, stderr, workdir):
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        self.workdir = workdir

    def metrics_lines(self):
        return [line for line in self.stdout.splitlines() if line.startswith("{")]

    def metrics(self):
        return [json.loads(line) for line in self.metrics_lines()]


class TempDirs:
    """Mixin: temporary directories removed after each test."""

    def new_dir(self):
        path = Path(tempfile.mkdtemp(prefix="trainer-test-"))
        self.addCleanup(shutil.rmtree, path, True)
        return path


def local_process_env(workdir):
    # Nothing else is inherited: in particular not PYTHONUNBUFFERED, so the tests see whether train.py flushes.
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(workdir)}


def run_train(args, workdir):
    """Runs train.py like the emulator's local-process mode: no shell, PATH only, HOME = working directory."""
    completed = subprocess.run([sys.executable, str(TRAIN_PY)] + list(args), cwd=str(workdir),
                               env=local_process_env(workdir),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
                               timeout=RUN_TIMEOUT_SECONDS)
    return Run(completed.returncode, completed.stdout, completed.stderr, workdir)


def read_json(path):
    with open(str(path), encoding="utf-8") as stream:
        return json.load(stream)


class FireValueTest(unittest.TestCase):
    """fire_value must read every value the way Python Fire does, above all the strings mlTrain quotes."""

    # Rendered by mlTrain (core FireArgs) for a Jenkinsfile string -> the string the program must receive.
    MLTRAIN_QUOTED_STRINGS = [
        ("'1.10'", "1.10"), ("'007'", "007"), ("'true'", "true"), ("'True'", "True"), ("'None'", "None"),
        ("'[1,2]'", "[1,2]"), ("'(1,2)'", "(1,2)"), ("'1e5'", "1e5"), ("'-3'", "-3"), ("'.5'", ".5"),
        ("'a,b'", "a,b"), ("'\\'quoted\\''", "'quoted'"), ("'\"double\"'", '"double"'), ("''", ""),
        ("'adam '", "adam "), ("' adam'", " adam"), ("'abc#comment'", "abc#comment"), ("'0x10'", "0x10"),
        ("'1_000'", "1_000"), ("'1j'", "1j"), ("'...'", "..."), ("'$(HOME)'", "$(HOME)"), ("'it\\'s'", "it's"),
        ("'C:\\\\data\\\\x'", "C:\\data\\x"), ("'line1\\nline2\\r\\tend'", "line1\nline2\r\tend"),
        ("'nul\\x00bell\\x07del\\x7f'", "nul\x00bell\x07del\x7f"), ("'caf\\xe9'", "caf\u00e9"),
        ("'\\u65e5\\u672c'", "\u65e5\u672c"), ("'\\U0001f600'", "\U0001f600"), ("'2024-06-01'", "2024-06-01"),
    ]
    # Strings mlTrain leaves bare because Fire returns them unchanged.
    MLTRAIN_BARE_STRINGS = ["adam", "/data/train.csv", "s3://bucket/key", "gs://b/k=v@1%x+y~z", "_private", "a-b",
                            "resnet.v2", "v3", "synthetic-v1", "/ml/outputs"]

    def test_strings_quoted_by_mltrain_arrive_as_the_same_string(self):
        for rendered, meant in self.MLTRAIN_QUOTED_STRINGS:
            with self.subTest(rendered=rendered):
                self.assertEqual(train.fire_value(rendered), meant)
                self.assertIs(type(train.fire_value(rendered)), str)

    def test_strings_left_bare_by_mltrain_arrive_unchanged(self):
        for text in self.MLTRAIN_BARE_STRINGS:
            with self.subTest(text=text):
                self.assertEqual(train.fire_value(text), text)

    def test_unquoted_text_is_reparsed_as_fire_does(self):
        cases = [("1.10", 1.1), ("007", "007"), ("True", True), ("False", False), ("None", None),
                 ("true", "true"), ("a,b", ("a", "b")), ("adam #2", "adam"), ("1e5", 100000.0),
                 ("[1, 'a', x]", [1, "a", "x"]), ("2024-06-01", "2024-06-01"), ("-3", -3), ("", ""),
                 ("1+2j", "1+2j"), ("-1j", -1j)]
        for text, expected in cases:
            with self.subTest(text=text):
                value = train.fire_value(text)
                self.assertEqual(value, expected)
                self.assertIs(type(value), type(expected))

    def test_numbers_and_constants_rendered_by_mltrain(self):
        cases = [("0.001", 0.001), ("1.0e-5", 1e-5), ("2.0", 2.0), ("-0.0", -0.0), ("42", 42),
                 ("123456789012345678901234567890", 123456789012345678901234567890), ("True", True), ("None", None)]
        for text, expected in cases:
            with self.subTest(text=text):
                value = train.fire_value(text)
                self.assertEqual(value, expected)
                self.assertIs(type(value), type(expected))

    def test_text_that_breaks_the_python_parser_stays_text(self):
        for text in ["\x00", "[" * 100000, "(" * 5000 + ")" * 5000, "'unterminated", "lambda: 1", "__import__('os')"]:
            with self.subTest(text=text[:20]):
                self.assertEqual(train.fire_value(text), text)


class ParseArgsTest(unittest.TestCase):

    def assert_usage_error(self, argv, *fragments):
        with self.assertRaises(train.UsageError) as caught:
            train.parse_args(argv)
        message = "\n".join(caught.exception.problems)
        for fragment in fragments:
            self.assertIn(fragment, message)
        return caught.exception.problems

    def test_defaults(self):
        config = train.parse_args([])
        self.assertEqual(config, {flag.name: flag.default for flag in train.FLAGS})
        self.assertEqual(config["epochs"], 20)
        self.assertIsNone(config["fail_at_epoch"])

    def test_the_flag_forms_fire_accepts(self):
        config = train.parse_args(["--lr=0.01", "--epochs", "5", "--batch-size=32", "--noshuffle", "--seed=3",
                                   "---data_seed=9", "-o", "/ml/outputs", "--fail_at_epoch=None"])
        self.assertEqual(config["lr"], 0.01)
        self.assertEqual(config["epochs"], 5)
        self.assertEqual(config["batch_size"], 32)
        self.assertIs(config["shuffle"], False)
        self.assertEqual(config["seed"], 3)
        self.assertEqual(config["data_seed"], 9)
        self.assertEqual(config["output_dir"], "/ml/outputs")
        self.assertIsNone(config["fail_at_epoch"])

    def test_booleans(self):
        self.assertIs(train.parse_args(["--shuffle"])["shuffle"], True)
        self.assertIs(train.parse_args(["--shuffle", "--lr=1"])["shuffle"], True)
        self.assertIs(train.parse_args(["--shuffle=False"])["shuffle"], False)
        self.assertIs(train.parse_args(["--shuffle", "False"])["shuffle"], False)
        self.assertIs(train.parse_args(["--noshuffle"])["shuffle"], False)
        # 'false' is a non-empty string to Fire, i.e. true: refused rather than silently inverted.
        self.assert_usage_error(["--shuffle=false"], "--shuffle must be True or False", "'false'")
        self.assert_usage_error(["--shuffle=1"], "--shuffle must be True or False")

    def test_last_occurrence_wins_so_params_override_args(self):
        self.assertEqual(train.parse_args(["--epochs=3", "--epochs=4"])["epochs"], 4)

    def test_an_integer_is_accepted_where_a_float_is_expected(self):
        lr = train.parse_args(["--lr=1"])["lr"]
        self.assertEqual(lr, 1.0)
        self.assertIs(type(lr), float)

    def test_negative_value_after_a_space_is_a_value_not_a_flag(self):
        self.assert_usage_error(["--lr", "-0.5"], "--lr must be greater than 0, got -0.5")

    def test_data_version_quoted_by_mltrain_stays_a_string(self):
        for rendered, meant in [("'1.10'", "1.10"), ("'007'", "007"), ("'True'", "True"), ("v3", "v3")]:
            with self.subTest(rendered=rendered):
                self.assertEqual(train.parse_args(["--data_version=" + rendered])["data_version"], meant)

    def test_unquoted_number_for_a_string_flag_is_refused_with_the_fix(self):
        self.assert_usage_error(["--data_version=1.10"], "--data_version must be a string",
                                "reads as the float 1.1", "--data_version='1.10'")
        self.assert_usage_error(["--data_version=3"], "reads as the integer 3")
        self.assert_usage_error(["--output_dir=None"], "--output_dir must be a string")

    def test_unknown_flag_is_named_and_the_known_flags_are_listed(self):
        problems = self.assert_usage_error(["--learning_rate=0.1"], "unknown flag --learning_rate")
        for flag in train.FLAGS:
            self.assertIn("--" + flag.name, problems[0])
        self.assert_usage_error(["--lrr=0.1"], "did you mean --lr?")
        self.assert_usage_error(["--nolr"], "unknown flag --nolr")  # 'no' prefix only in boolean form

    def test_unknown_flag_with_a_separate_value_is_reported_once(self):
        problems = self.assert_usage_error(["--optimizer", "adam"], "unknown flag --optimizer")
        self.assertEqual(len(problems), 1)

    def test_positional_arguments_are_refused(self):
        self.assert_usage_error(["train"], "unexpected argument 'train'")

    def test_ambiguous_shortcut_names_the_candidates(self):
        self.assert_usage_error(["-l=0.1"], "-l is ambiguous", "--lr", "--l2")
        self.assert_usage_error(["-n=5"], "--n_samples", "--n_features")
        self.assert_usage_error(["-s"], "--seed", "--shuffle")
        self.assertEqual(train.parse_args(["-b=5"])["batch_size"], 5)

    def test_wrong_types_name_the_flag(self):
        cases = [(["--epochs=2.5"], "--epochs must be an integer, got the float 2.5"),
                 (["--epochs=True"], "--epochs must be an integer, got True"),
                 (["--epochs=ten"], "--epochs must be an integer, got the string 'ten'"),
                 (["--lr=abc"], "--lr must be a number, got the string 'abc'"),
                 (["--lr=True"], "--lr must be a number, got True"),
                 (["--lr=1e999"], "--lr must be a finite number"),
                 (["--lr=" + "9" * 400], "--lr must be a finite number"),
                 (["--lr="], "--lr must be a number, got the string ''"),
                 (["--lr"], "--lr needs a value, e.g. --lr=FLOAT"),
                 (["--epochs", "--lr=1"], "--epochs needs a value")]
        for argv, fragment in cases:
            with self.subTest(argv=argv):
                self.assert_usage_error(argv, fragment)

    def test_out_of_range_values_name_the_flag_and_the_range(self):
        cases = [(["--epochs=0"], "--epochs must be between 1 and 100000, got 0"),
                 (["--lr=0"], "--lr must be greater than 0"),
                 (["--l2=-1"], "--l2 must be at least 0.0"),
                 (["--seed=-1"], "--seed must be at least 0"),
                 (["--n_samples=5"], "--n_samples must be between 10 and 1000000"),
                 (["--output_dir=' '"], "--output_dir must not be empty"),
                 (["--epoch_delay=-1"], "--epoch_delay must be between 0.0 and 3600.0"),
                 (["--fail_at_epoch=0"], "--fail_at_epoch must be at least 1")]
        for argv, fragment in cases:
            with self.subTest(argv=argv):
                self.assert_usage_error(argv, fragment)

    def test_combinations_that_cannot_work(self):
        self.assert_usage_error(["--epochs=5", "--fail_at_epoch=6"], "--fail_at_epoch=6 is after the last epoch")
        self.assert_usage_error(["--n_samples=100", "--batch_size=81"], "--batch_size=81 is larger than the "
                                                                       "training set (80 examples")
        self.assertEqual(train.parse_args(["--n_samples=100", "--batch_size=80"])["batch_size"], 80)
        # A refused --epochs is not replaced by its default for this check.
        problems = self.assert_usage_error(["--epochs=x", "--fail_at_epoch=25"], "--epochs must be an integer")
        self.assertEqual(len(problems), 1)

    def test_every_problem_is_reported_at_once(self):
        problems = self.assert_usage_error(["--lrr=1", "--epochs=x", "extra", "--seed=-2"])
        self.assertEqual(len(problems), 4)


class DataAndModelTest(unittest.TestCase):

    def test_dataset_is_seeded_and_split_80_20(self):
        train_rows, val_rows = train.make_dataset(100, 3, 5)
        self.assertEqual((len(train_rows), len(val_rows)), (80, 20))
        self.assertEqual(train.make_dataset(100, 3, 5), (train_rows, val_rows))
        self.assertNotEqual(train.make_dataset(100, 3, 6), (train_rows, val_rows))
        labels = {label for _, label in train_rows + val_rows}
        self.assertEqual(labels, {0, 1})
        self.assertTrue(all(len(features) == 3 for features, _ in train_rows))

    def test_loss_is_finite_for_extreme_logits(self):
        for z in (-1000.0, -30.0, 0.0, 30.0, 1000.0):
            for label in (0, 1):
                loss = train._log_loss_from_logit(z, label)
                self.assertGreaterEqual(loss, 0.0)
                self.assertLess(loss, 1001.0)
        self.assertAlmostEqual(train._log_loss_from_logit(0.0, 1), 0.6931471805599453)

    def test_gradient_step_follows_the_derivative_of_the_regularised_loss(self):
        rng = random.Random(3)
        batch = [([rng.gauss(0, 1) for _ in range(3)], rng.randint(0, 1)) for _ in range(5)]
        l2 = 0.1

        def objective(weights, bias):
            model = train.LogisticRegression(3, rng)
            model.weights, model.bias = list(weights), bias
            loss, _ = model.evaluate(batch)
            return loss + l2 / 2 * sum(w * w for w in weights)

        weights, bias = [0.3, -0.2, 0.5], 0.1
        model = train.LogisticRegression(3, rng)
        model.weights, model.bias = list(weights), bias
        lr = 1e-3
        model.step(batch, lr, l2)
        h = 1e-6
        for i in range(3):
            plus, minus = list(weights), list(weights)
            plus[i] += h
            minus[i] -= h
            numeric = (objective(plus, bias) - objective(minus, bias)) / (2 * h)
            self.assertAlmostEqual((weights[i] - model.weights[i]) / lr, numeric, places=5)
        numeric_bias = (objective(weights, bias + h) - objective(weights, bias - h)) / (2 * h)
        self.assertAlmostEqual((bias - model.bias) / lr, numeric_bias, places=5)

    def test_source_is_python_3_9_syntax(self):
        ast.parse(TRAIN_PY.read_text(encoding="utf-8"), filename=str(TRAIN_PY), feature_version=(3, 9))


class TrainingRunTest(unittest.TestCase):
    """One default run, shared by the tests that only read it."""

    workdir = None
    trained = None

    @classmethod
    def setUpClass(cls):
        cls.workdir = Path(tempfile.mkdtemp(prefix="trainer-test-"))
        cls.trained = run_train(["--output_dir=outputs/nested", "--data_version=v3"], cls.workdir)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(str(cls.workdir), True)

    def output(self, name):
        return self.workdir / "outputs" / "nested" / name

    def test_exits_0_with_nothing_on_stderr(self):
        self.assertEqual(self.trained.returncode, 0, self.trained.stderr)
        self.assertEqual(self.trained.stderr, "")

    def test_one_metrics_line_per_epoch_each_a_json_object_of_numbers(self):
        lines = self.trained.metrics_lines()
        self.assertEqual(len(lines), 20)
        for epoch, line in enumerate(lines, start=1):
            metrics = json.loads(line)
            self.assertIsInstance(metrics, dict)
            self.assertEqual(tuple(metrics), train.METRIC_NAMES)
            self.assertEqual(metrics["epoch"], epoch)
            for name, value in metrics.items():
                self.assertIn(type(value), (int, float), name)
            for name in ("accuracy", "val_accuracy"):
                self.assertTrue(0.0 <= metrics[name] <= 1.0)

    def test_other_stdout_lines_are_plain_text(self):
        plain = [line for line in self.trained.stdout.splitlines() if line not in self.trained.metrics_lines()]
        self.assertGreaterEqual(len(plain), 3)
        for line in plain:
            self.assertFalse(line.lstrip().startswith(("{", "[")), line)
        self.assertTrue(any(line.startswith("loading data") for line in plain))

    def test_learns_above_0_8_validation_accuracy_with_a_falling_loss(self):
        metrics = self.trained.metrics()
        result = read_json(self.output("result.json"))
        self.assertGreater(result["accuracy"], 0.8)
        self.assertEqual(result["accuracy"], metrics[-1]["val_accuracy"])
        self.assertEqual(result["loss"], metrics[-1]["val_loss"])
        self.assertLess(metrics[-1]["loss"], metrics[0]["loss"])
        self.assertLess(metrics[-1]["val_loss"], metrics[0]["val_loss"])

    def test_result_json(self):
        result = read_json(self.output("result.json"))
        self.assertEqual(result["epochs"], 20)
        self.assertEqual(result["model_file"], "model.json")
        self.assertEqual(result["data_version"], "v3")
        self.assertEqual(set(result), {"accuracy", "loss", "train_accuracy", "train_loss", "epochs",
                                       "data_version", "model_file"})

    def test_model_json_is_the_trained_model(self):
        model = read_json(self.output("model.json"))
        self.assertEqual(model["model_type"], "logistic_regression")
        self.assertEqual(model["feature_names"], ["x%d" % i for i in range(8)])
        self.assertEqual(len(model["weights"]), 8)
        self.assertEqual(model["params"], {"lr": 0.05, "epochs": 20, "batch_size": 64, "l2": 0.001, "seed": 7,
                                           "shuffle": True})
        self.assertEqual((model["data"]["data_seed"], model["data"]["data_version"]), (1234, "v3"))
        self.assertNotIn("output_dir", json.dumps(model))
        # Scoring the validation set with the stored weights reproduces the reported accuracy.
        _, val_rows = train.make_dataset(2000, 8, 1234)
        correct = sum((model["bias"] + sum(w * x for w, x in zip(model["weights"], features)) > 0) == (label == 1)
                      for features, label in val_rows)
        self.assertEqual(correct / len(val_rows), read_json(self.output("result.json"))["accuracy"])

    def test_metrics_csv_matches_the_metrics_lines(self):
        rows = self.output("metrics.csv").read_text(encoding="utf-8").splitlines()
        self.assertEqual(rows[0], ",".join(train.METRIC_NAMES))
        self.assertEqual(len(rows), 21)
        last = dict(zip(train.METRIC_NAMES, (float(v) for v in rows[-1].split(","))))
        self.assertEqual(last, {k: float(v) for k, v in self.trained.metrics()[-1].items()})

    def test_only_the_three_files_are_left_readable_by_others(self):
        directory = self.workdir / "outputs" / "nested"
        self.assertEqual(sorted(os.listdir(str(directory))), ["metrics.csv", "model.json", "result.json"])
        for name in os.listdir(str(directory)):
            # The output sidecar that archives them may run as another user.
            self.assertTrue(os.stat(str(directory / name)).st_mode & 0o004, name)


class DeterminismTest(TempDirs, unittest.TestCase):

    ARGS = ["--epochs=4", "--n_samples=400"]

    def outputs_of(self, extra):
        workdir = self.new_dir()
        out = workdir / "out"
        run = run_train(self.ARGS + extra + ["--output_dir=" + str(out)], workdir)
        self.assertEqual(run.returncode, 0, run.stderr)
        return {name: (out / name).read_bytes() for name in ("model.json", "result.json", "metrics.csv")}, run

    def test_same_flags_give_byte_identical_files_and_metrics(self):
        first, first_run = self.outputs_of([])
        second, second_run = self.outputs_of([])
        self.assertEqual(first, second)
        self.assertEqual(first_run.metrics_lines(), second_run.metrics_lines())

    def test_another_seed_gives_another_model(self):
        first, _ = self.outputs_of(["--seed=1"])
        second, _ = self.outputs_of(["--seed=2"])
        self.assertNotEqual(first["model.json"], second["model.json"])


class CommandLineTest(TempDirs, unittest.TestCase):

    def test_arguments_rendered_by_mltrain_are_read_back(self):
        workdir = self.new_dir()
        out = workdir / "ml" / "outputs"
        run = run_train(["--lr=0.05", "--epochs=3", "--batch_size=64", "--seed=7", "--l2=0.001",
                         "--data_version='1.10'", "--shuffle=True", "--output_dir=" + str(out)], workdir)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(len(run.metrics_lines()), 3)
        self.assertEqual(read_json(out / "result.json")["data_version"], "1.10")

    def test_unknown_flag_exits_2_naming_it_and_writes_nothing(self):
        workdir = self.new_dir()
        run = run_train(["--epochs=2", "--learning_rate=0.1"], workdir)
        self.assertEqual(run.returncode, 2)
        self.assertEqual(run.stdout, "")
        self.assertIn("train.py: error: unknown flag --learning_rate", run.stderr)
        self.assertIn("known flags: --lr, --epochs", run.stderr)
        self.assertTrue(run.stderr.startswith("usage: train.py"))
        self.assertEqual(os.listdir(str(workdir)), [])

    def test_bad_value_exits_2_naming_the_flag(self):
        run = run_train(["--batch_size=big"], self.new_dir())
        self.assertEqual(run.returncode, 2)
        self.assertIn("--batch_size must be an integer, got the string 'big'", run.stderr)

    def test_help_lists_every_flag_and_exits_0(self):
        run = run_train(["--help"], self.new_dir())
        self.assertEqual(run.returncode, 0)
        for flag in train.FLAGS:
            self.assertIn("--%s=" % flag.name, run.stdout)
        self.assertEqual(run.metrics_lines(), [])


class FailureTest(TempDirs, unittest.TestCase):

    def test_fail_at_epoch_exits_3_with_a_python_traceback_and_no_result(self):
        workdir = self.new_dir()
        run = run_train(["--epochs=5", "--fail_at_epoch=3", "--output_dir=out"], workdir)
        self.assertEqual(run.returncode, 3)
        self.assertEqual([m["epoch"] for m in run.metrics()], [1, 2])
        self.assertIn("Traceback (most recent call last):", run.stderr)
        self.assertEqual(run.stderr.strip().splitlines()[-1],
                         "RuntimeError: injected failure in epoch 3 (--fail_at_epoch=3)")
        self.assertEqual(os.listdir(str(workdir / "out")), [])

    def test_diverging_training_exits_3_instead_of_reporting_nan(self):
        workdir = self.new_dir()
        run = run_train(["--epochs=3", "--lr=1e300", "--output_dir=out"], workdir)
        self.assertEqual(run.returncode, 3)
        self.assertIn("training diverged in epoch 1", run.stderr)
        self.assertIn("lower --lr", run.stderr)
        self.assertNotIn("NaN", run.stdout)
        self.assertFalse((workdir / "out" / "result.json").exists())

    def test_output_dir_that_cannot_be_created_exits_1_naming_it(self):
        workdir = self.new_dir()
        (workdir / "taken").write_text("a file, not a directory", encoding="utf-8")
        for target in ("taken", "taken/sub"):
            with self.subTest(target=target):
                run = run_train(["--epochs=1", "--output_dir=" + target], workdir)
                self.assertEqual(run.returncode, 1)
                self.assertIn("cannot create --output_dir '%s'" % target, run.stderr)
                self.assertEqual(run.metrics_lines(), [])

    @unittest.skipIf(os.name != "posix", "needs POSIX signals")
    def test_sigint_during_training_exits_130(self):
        workdir = self.new_dir()
        process = subprocess.Popen([sys.executable, str(TRAIN_PY), "--epochs=3", "--epoch_delay=30",
                                    "--output_dir=out"], cwd=str(workdir), env=local_process_env(workdir),
                                   stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, universal_newlines=True)
        try:
            # The first metrics line proves the process is inside the training loop.
            for line in process.stdout:
                if line.startswith("{"):
                    break
            process.send_signal(signal.SIGINT)
            stdout, stderr = process.communicate(timeout=RUN_TIMEOUT_SECONDS)
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
        self.assertEqual(process.returncode, 130)
        self.assertIn("train.py: interrupted", stderr)
        self.assertFalse((workdir / "out" / "result.json").exists())


if __name__ == "__main__":
    unittest.main()
