"""Runs every wrong answer of a notebook through the kernel: its visible tests, then all tests.

Usage (from the repository root, JUPYTER_DATA_DIR set): check_mutants.py NN-name
Each mutant runs after the student stub of its task (so a mutant that does not compile still
fails), in one kernel, ci profile; prints per mutant whether visible and all tests catch it
and exits non-zero unless visible tests catch at least half and all tests catch every one.
"""
import json, re, subprocess, sys, copy, os
NAME = sys.argv[1] if len(sys.argv) > 1 else '04-banana-hmc-flows'
sol = json.load(open(f'solutions/{NAME}.ipynb'))
stu = json.load(open(f'notebooks/{NAME}.ipynb'))
muts = json.load(open(f'solutions/mutants/{NAME}.json'))['mutants']
src = lambda c: ''.join(c['source'])
byid = {c['id']: c for c in sol['cells']}
stub = {c['metadata']['nbgrader']['grade_id']: src(c) for c in stu['cells']
        if c['metadata'].get('nbgrader', {}).get('solution') and c['cell_type'] == 'code'}
order = [c['metadata']['nbgrader']['grade_id'] for c in sol['cells']]
tests = {}
cur = None
for c in sol['cells']:
    nbg = c['metadata']['nbgrader']
    if c['cell_type'] == 'code' and nbg.get('solution'):
        cur = nbg['grade_id']; tests[cur] = []
    elif cur and nbg.get('grade') and c['cell_type'] == 'code':
        tests[cur].append(src(c))
def visible(t):
    return re.sub(r'// BEGIN HIDDEN TESTS.*?// END HIDDEN TESTS\n?', '', t, flags=re.S)
def full(t):
    return t.replace('// BEGIN HIDDEN TESTS\n', '').replace('// END HIDDEN TESTS\n', '')
def code(s, tag):
    return {"cell_type": "code", "id": tag, "metadata": {"tag": tag}, "source": s,
            "outputs": [], "execution_count": None}
cells = [code(src(byid['setup']), 'setup')]
plan = [(t, 'solution', src(byid[t])) for t in tests] + [(m['task'], m['name'], m['source']) for m in muts]
for k, (task, name, s) in enumerate(plan):
    cells.append(code(stub[task], f'stub-{k}'))
    cells.append(code(s, f'answer-{k}'))
    for i, t in enumerate(tests[task]):
        cells.append(code(visible(t), f'vis-{k}-{i}'))
        cells.append(code(full(t), f'all-{k}-{i}'))
nb = copy.deepcopy(sol); nb['cells'] = cells
os.makedirs('build/mutants', exist_ok=True)
json.dump(nb, open('build/mutants/mutants.ipynb', 'w'))
env = dict(os.environ, COURSE_PROFILE='ci')
subprocess.run(['/usr/bin/python3', '-m', 'nbconvert', '--to', 'notebook', '--execute', '--allow-errors',
    '--ExecutePreprocessor.kernel_name=vae-java', '--ExecutePreprocessor.timeout=300',
    '--output', 'mutants-run.ipynb', '--output-dir', 'build/mutants', 'build/mutants/mutants.ipynb'],
    check=True, env=env, capture_output=True)
run = json.load(open('build/mutants/mutants-run.ipynb'))
failed = {c['metadata']['tag'] for c in run['cells'] if any(o['output_type'] == 'error' for o in c['outputs'])}
summary = {}
ok = True
for k, (task, name, s) in enumerate(plan):
    vis = any(f'vis-{k}-{i}' in failed for i in range(len(tests[task])))
    al = any(f'all-{k}-{i}' in failed for i in range(len(tests[task])))
    if name == 'solution':
        print(f'{task:18s} solution: {"FAILS" if vis or al else "passes"}'); ok &= not (vis or al)
        continue
    s_ = summary.setdefault(task, [0, 0, 0])
    s_[0] += 1; s_[1] += vis; s_[2] += al
    print(f'{task:18s} {name:55s} visible {"caught" if vis else "missed"}, all {"caught" if al else "MISSED"}')
for task, (n, v, a) in summary.items():
    good = v * 2 >= n and a == n
    ok &= good
    print(f'{task}: {n} mutants, visible tests catch {v}, all tests catch {a} {"ok" if good else "NOT OK"}')
sys.exit(0 if ok else 1)
