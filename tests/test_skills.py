"""The skill vocabulary and matcher: hard tokens in real posting sentences, aliases, implied skills, order.

Most sentences are taken from the real postings in /work/shared/datasets (Glassdoor, Indeed UK, HN 2024);
the short ones spell out one rule each.
"""

import pytest
from mljobs.pipeline import skills, vocab

# (sentence, skills that must be found, skills that must not be)
HARD_TOKENS = [
    # R: only when it clearly means the language
    ("Familiarity with a statistical language such as R or Python.", {"R", "Python"}, set()),
    ("Proficient in Python or R", {"R"}, set()),
    ("Fundamental knowledge of R and/or SAS languages", {"R", "SAS"}, set()),
    ("allow you to be self-sufficient in handling data (R, Python, SQL)", {"R", "SQL"}, set()),
    ("1-2 years of programming experience especially in R", {"R"}, set()),
    ("R programming experience is required.", {"R"}, set()),
    ("Experience with R/Python for analysis", {"R", "Python"}, set()),
    ("data analysis software such as Spotfire, R-shiny or similar", {"R"}, set()),
    ("Liaise with R&D data scientists to understand their challenges in Python", {"Python"}, {"R"}),
    ("Our R & D team builds Python tooling.", {"Python"}, {"R"}),
    ("This position is with R.J. Reynolds Tobacco Company and uses SQL", {"SQL"}, {"R"}),
    ("Q&A and R.S.V.P by Friday; the stack is Python", {"Python"}, {"R"}),
    ("Send your CV to J. R. Smith, our Python lead", {"Python"}, {"R"}),
    ("(R) Required: Python 3 and SQL", {"Python", "SQL"}, {"R"}),
    ("Intel(R) Xeon servers running Python jobs", {"Python"}, {"R"}),
    ("No R-rated jokes at the Python meetup", {"Python"}, {"R"}),
    ("Please RSVP to R", set(), {"R"}),
    ("Experience with R is a plus.", {"R"}, set()),
    ("Please work with R. Smith on onboarding.", set(), {"R"}),
    ("Solid knowledge of Go is required.", {"Go"}, set()),
    # C, C++, C#, F#, .NET
    ("Programming experience (preferred Python, R, C++) preferably in Linux", {"C++", "Python", "R", "Linux"}, set()),
    ("in multiple programming languages – C#/.NET, C++, C, Scala, Python, R, Java.",
     {"C#", ".NET", "C++", "C", "Scala", "Java"}, set()),
    ("We're looking for a person who thinks C/C++ is fun.", {"C", "C++"}, set()),
    ("Experience with F# or OCaml", {"F#"}, set()),
    ("Experience with ASP.NET MVC and SQL Server", {".NET", "SQL"}, set()),
    ("Details at careers.example.net with Python roles", {"Python"}, {".NET"}),
    ("A Series C funded startup using Python", {"Python"}, {"C"}),
    ("Present to C-suite stakeholders using SQL", {"SQL"}, {"C"}),
    ("a minimum of GCSE grade 4 or C (or equivalent) in English and Maths; Python a plus", {"Python"}, {"C"}),
    # Go
    ("Experience with any/all of Go, Scala, Java, or Ruby is a major plus", {"Go", "Scala", "Java", "Ruby"}, set()),
    ("Our platform is dozens of microservices written primarily in Node and Go.", {"Go", "Microservices"}, set()),
    ("Golang experience preferred", {"Go"}, set()),
    ("Go Software Engineer | Remote | Full Time", {"Go"}, set()),
    ("you will help define our rapid Go-To-Market expansion with SQL and Python", {"SQL"}, {"Go"}),
    ("developing milestone criteria (e.g. Go/No Go criteria) in Python", {"Python"}, {"Go"}),
    ("Go ahead and wear your jersey to work", set(), {"Go"}),
    ("ready to go to market with Python tooling on the go", {"Python"}, {"Go"}),
    # CI/CD
    ("Experience building CI/CD pipelines", {"CI/CD"}, set()),
    ("continuous integration and deployment of models", {"CI/CD"}, set()),
    ("Prometheus, Grafana, CloudWatch, Jenkins", {"Jenkins", "CI/CD"}, set()),
    ("Weights & Biases, model registries, CI for models or comparable MLOps tooling.",
     {"CI/CD", "Weights & Biases", "MLOps"}, set()),
    ("the 95% CI excluded zero in our Python analysis", {"Python"}, {"CI/CD"}),
    ("A continuous improvement mindset.", set(), {"CI/CD"}),
    ("able to obtain a CI Polygraph. B.S. in Math or Physics", {"Mathematics"}, {"CI/CD"}),
    # Spark
    ("Experience with big data tools (e.g., Spark) is a plus", {"Spark"}, set()),
    ("Hands-on PySpark and Databricks", {"Spark", "Databricks"}, set()),
    ("kafka, redis, storm, spark", {"Spark", "Kafka", "Redis"}, set()),
    ("free sparkling water and snacks", set(), {"Spark"}),
    ("ideas that spark joy for our Python users", {"Python"}, {"Spark"}),
    ("Scalable, Spark-based feature pipelines", {"Spark"}, {"Scala"}),
    # Java vs JavaScript, Scala vs scalable, Rust vs rusty
    ("Java and JavaScript", {"Java", "JavaScript"}, set()),
    ("Modern JavaScript (ES6) and TypeScript", {"JavaScript", "TypeScript"}, {"Java"}),
    ("build scalable systems", set(), {"Scala"}),
    ("Experience in Rust, Go, C#, C++", {"Rust", "Go", "C#", "C++"}, set()),
    ("my rusty Python and a culture of trust", {"Python"}, {"Rust"}),
    ("Offices across the Rust Belt; Python shop", {"Python"}, {"Rust"}),
    # GPT and LLMs
    ("Experience prompting and fine-tuning GPT-4 and GPT-4o", {"GPT", "Fine-tuning", "Prompt engineering"}, set()),
    ("ChatGPT doesn't have full DB context", {"ChatGPT", "GPT"}, set()),
    ("Experience building with LLMs", {"LLMs"}, {"GPT"}),
    ("Familiar with the OpenAI API and Anthropic API", {"OpenAI API", "Claude"}, {"GPT"}),
    # products imply their platform
    ("Deploy models with SageMaker", {"AWS SageMaker", "AWS"}, set()),
    ("We run training on Vertex AI and BigQuery", {"Google AI Platform", "GCP", "BigQuery"}, set()),
    ("Experience with cloud platforms", set(), {"AWS", "GCP", "Azure"}),
    # Julia, Excel, Ray, Airflow, Keras, JAX, SAS, Triton
    ("a data science programming language (Python, R, Scala, Julia) and SQL", {"Julia"}, set()),
    ("Please contact Julia in HR about the role", set(), {"Julia"}),
    ("Advanced proficiency in Excel (Visual Basic and Pivot Tables)", {"Excel"}, set()),
    ("excellent communication skills; you will excel at stakeholder work", set(), {"Excel"}),
    ("Excel at building relationships with Python teams", {"Python"}, {"Excel"}),
    ("Ray, Dask or Spark for distributed compute", {"Ray", "Dask", "Spark"}, set()),
    ("Serving with Ray Serve on Kubernetes", {"Ray Serve", "Ray", "Kubernetes"}, set()),
    ("X-ray imaging models in PyTorch", {"PyTorch"}, {"Ray"}),
    ("Ray Smith leads our Python team", {"Python"}, {"Ray"}),
    ("Experience with Apache Airflow/Cloud Composer or similar", {"Airflow"}, set()),
    ("Data: airflow (for now, probably migrating soon), dbt, metabase", {"Airflow", "dbt"}, set()),
    ("data centre airflow, cooling and power design", set(), {"Airflow"}),
    ("TensorFlow/Keras or PyTorch", {"TensorFlow", "Keras", "PyTorch"}, set()),
    ("Keras experience", {"Keras"}, {"TensorFlow"}),
    ("JAX or PyTorch", {"JAX", "PyTorch"}, set()),
    ("Jax from our talent team will call you", set(), {"JAX"}),
    ("JAX-RS web services in Java", {"Java"}, {"JAX"}),
    ("programming languages; preferably Python, SAS or R", {"SAS", "R"}, set()),
    ("our SaaS platform", set(), {"SAS"}),
    ("Serving with NVIDIA Triton and TensorRT", {"Triton Inference Server", "TensorRT"}, set()),
    ("Writing Triton kernels and CUDA", {"OpenAI Triton", "CUDA"}, {"Triton Inference Server"}),
    # look-alikes of ML words
    ("HuggingFace Transformers to solve hard Machine Learning tasks", {"Transformers", "Hugging Face"}, set()),
    ("Maintenance of transformers and switchgear at substations", set(), {"Transformers"}),
    ("LoRA/QLoRA and RLHF", {"LoRA", "Fine-tuning", "RLHF", "Reinforcement learning"}, set()),
    ("LoRaWAN sensors", set(), {"LoRA"}),
    ("Building RAG pipelines", {"RAG"}, set()),
    ("weekly RAG status reports", set(), {"RAG"}),
    ("storage and leverage", set(), {"RAG"}),
    ("Deep learning models in PyTorch", {"Deep learning"}, set()),
    ("neural networks", {"Neural networks"}, {"Deep learning"}),
    ("Experience with containers and orchestration in Python", {"Containerization"}, {"Docker"}),
    ("S3 buckets and Python", {"AWS"}, set()),
    ("S3-compatible object storage", set(), {"AWS"}),
    ("lambda functions in Python", {"Python"}, {"AWS"}),
    ("AWS Lambda", {"AWS"}, set()),
    ("Design and build novel CNN architectures in PyTorch", {"CNNs"}, set()),
    ("featured on CNN and Fox News", set(), {"CNNs"}),
    # mathematics
    ("Master's degree in Statistics, Mathematics or Computer Science", {"Statistics", "Mathematics"}, set()),
    ("strong statistical modeling skills", {"Statistics"}, set()),
    ("python, pytorch, sql, stats, linux", {"Statistics"}, set()),
    ("see our latest game stats", set(), {"Statistics"}),
    ("Knowledge of probability and statistics", {"Probability", "Statistics"}, set()),
    ("ranking them by their success probability", set(), {"Probability"}),
    ("estimating the probability of default", set(), {"Probability"}),
    # the guide's softer skills
    ("Tableau/Power BI dashboards", {"Tableau", "Power BI", "Data visualization"}, set()),
    ("visualization tools such as Power BI", {"Data visualization", "Power BI"}, set()),
    ("3D visualization of point clouds", {"3D vision"}, {"Data visualization"}),
    ("Collaborates with business subject matter experts", {"Collaboration"}, set()),
    ("collaborative filtering and matrix factorisation", {"Recommender systems"}, {"Collaboration"}),
    ("Team player with a positive attitude", set(), {"Collaboration"}),
    ("strong problem-solving skills", {"Problem-solving"}, set()),
    # "teamwork" is the rule's synonym noun; solving problems is any job's work, not the named skill
    ("Teamwork and effective communication are essential", {"Collaboration"}, set()),
    ("You'll synthesize large datasets and solve complex problems through the use of advanced",
     set(), {"Problem-solving"}),
    ("quality of software to solve complex problems/drive value", set(), {"Problem-solving"}),
    ("cutting-edge machine learning technologies", {"Machine learning"}, {"Edge AI"}),
    ("at-edge (on-device) training and inference", {"Edge AI"}, set()),
    ("publish your research findings in peer-reviewed venues", {"Research papers"}, set()),
    ("papers at NeurIPS, ICML, ACL", {"Research papers"}, set()),
    ("including but not limited to presenting at professional or academic conferences", {"Research papers"}, set()),
    ("delivering high-quality reports at leading international academic conferences", {"Research papers"}, set()),
    ("an access-control list (ACL) for the bucket", set(), {"Research papers"}),
    ("responsible AI and algorithmic fairness", {"AI ethics"}, set()),
    ("data collection/processing/cleaning, and exploratory data analysis", {"Data cleaning"}, set()),
    ("Gathers, cleans, transforms, and/or reduces data from dissimilar sources", {"Data cleaning"}, set()),
    ("You can wrangle data like a pro", {"Data cleaning"}, set()),
    ("Write clean code for data pipelines", {"Data pipelines"}, {"Data cleaning"}),
    ("dry cleaning, a barber shop and Pandas workshops", {"Pandas"}, {"Data cleaning"}),
    ("Analyze data and visualize data, providing business insights.", {"Data visualization"}, set()),
    ("visualizing what the final destination looks and feels like", set(), {"Data visualization"}),
    ("Strong business and financial acumen, has the aptitude to learn.", {"Business acumen"}, set()),
    ("Demonstrated operational acumen a plus", set(), {"Business acumen"}),
    # only the skill's own words: the verb and the person ("problem solvers") are not the named skill
    ("Ability to problem solve and quickly find solutions on your own.", set(), {"Problem-solving"}),
    ("We are a diverse team of hardworking problem solvers.", set(), {"Problem-solving"}),
    ("Strong problem solving and communication skills", {"Problem-solving"}, set()),
    ("Experience with statistical mechanics or computational physics", set(), {"Statistics"}),
    ("Collate, cleanse and analyse data to produce reports", {"Data cleaning"}, set()),
    ("Pipeline inventory data into QuickSight dashboards", {"AWS", "Data visualization"}, set()),
    ("Publishing your work to ensure that we drive the science", {"Research papers"}, set()),
    ("Date published | 25-Jul-2024 | Req # 16330", set(), {"Research papers"}),
    # nested look-alikes
    ("Vertex AI Pipelines (Kubeflow with TFX) in GCP", {"Kubeflow", "Google AI Platform", "GCP"}, {"Kubernetes"}),
    ("local inference with llama.cpp", {"llama.cpp"}, {"C++"}),
    ("self-supervised learning for speech", {"Self-supervised learning"}, {"Supervised learning"}),
    ("scikit-image and OpenCV", {"OpenCV"}, {"Scikit-learn"}),
    ("Strong ML/DL fundamentals", {"Machine learning", "Deep learning"}, set()),
]


@pytest.mark.parametrize("text, present, absent", HARD_TOKENS, ids=[t[0][:50] for t in HARD_TOKENS])
def test_hard_tokens_in_real_sentences(text, present, absent):
    found = set(skills.extract(text))
    assert present <= found, f"missing {present - found}"
    assert not absent & found, f"wrongly found {absent & found}"


@pytest.mark.parametrize("alias, name", [
    ("sklearn", "Scikit-learn"), ("scikit-learn", "Scikit-learn"), ("k8s", "Kubernetes"),
    ("Vertex AI", "Google AI Platform"), ("Google Cloud", "GCP"), ("continuous integration", "CI/CD"),
    ("Amazon Web Services", "AWS"), ("Golang", "Go"), ("PySpark", "Spark"), ("Postgres", "PostgreSQL"),
    ("data visualisation", "Data visualization"), ("natural language processing", "NLP"),
    ("retrieval-augmented generation", "RAG"), ("HuggingFace", "Hugging Face"), ("wandb", "Weights & Biases"),
    ("Fine Tuning", "Fine-tuning"), ("problem solving", "Problem-solving"), ("CI/CD pipelines", "CI/CD"),
    ("  TensorFlow.", "TensorFlow"), ("convolutional neural networks", "CNNs"),
])
def test_canonical_maps_whole_terms(alias, name):
    assert skills.canonical(alias) == name


def test_canonical_of_an_unknown_term_is_none():
    assert skills.canonical("cloud platforms") is None
    assert skills.canonical("AI Platform") is None  # "our AI platform" is generic


@pytest.mark.parametrize("text, expected", [
    ("RLHF", ["RLHF", "Reinforcement learning"]),
    ("Tableau", ["Tableau", "Data visualization"]),
    ("ChatGPT", ["ChatGPT", "GPT"]),
    ("EKS clusters", ["Amazon EKS", "Kubernetes", "AWS"]),
    ("pgvector", ["pgvector", "Vector databases", "PostgreSQL", "SQL"]),
])
def test_a_skill_brings_what_it_implies_right_after_it(text, expected):
    assert skills.extract(text) == expected


def test_order_is_first_mention_and_each_name_once():
    text = "Kubernetes and Python; more Python, then SQL, then Kubernetes again"
    assert skills.extract(text) == ["Kubernetes", "Python", "SQL"]


def test_a_longer_mention_comes_before_one_it_contains():
    assert skills.extract("AWS SageMaker and Docker") == ["AWS SageMaker", "AWS", "Docker"]
    assert skills.extract("Docker on AWS, later SageMaker") == ["Docker", "AWS", "AWS SageMaker"]


def test_hyphens_and_line_breaks_do_not_split_a_skill():
    assert skills.extract("deep-learning") == skills.extract("Deep\nlearning") == ["Deep learning"]


def test_text_with_characters_that_lowercase_to_two_keeps_offsets():
    assert skills.extract("İstanbul office: Python, R and SQL") == ["Python", "R", "SQL"]


def test_guide_skills_keep_the_guide_spelling():
    guide = {s.name for s in skills.vocabulary().values() if s.guide}
    assert {"Python", "R", "SQL", "TensorFlow", "PyTorch", "Scikit-learn", "Pandas", "NumPy", "OpenCV", "NLTK",
            "spaCy", "BERT", "GPT", "Transformers", "CNNs", "Docker", "Kubernetes", "CI/CD", "MLflow", "AWS",
            "GCP", "AWS SageMaker", "Google AI Platform", "Statistics", "Linear algebra", "Calculus",
            "Probability", "Deep learning", "Reinforcement learning", "Data visualization"} <= guide


def test_vocabulary_is_large_and_every_category_is_declared():
    vocabulary = skills.vocabulary()
    declared = set(vocab.load("skills")["categories"])
    assert len(vocabulary) >= 38 + 150
    assert {s.category for s in vocabulary.values()} <= declared


def _sentence(spelling: str) -> str:
    # Other skills of several kinds nearby, so in-context rules see a technical list.
    return f"Experience with PyTorch, {spelling}, Kubernetes and GPT-4."


@pytest.mark.parametrize("name", list(skills.vocabulary()))
def test_every_skill_is_found_by_its_name_and_unambiguous_aliases(name):
    skill = skills.vocabulary()[name]
    for spelling in (name, *skill.aliases, *skill.exact_case):
        assert name in skills.extract(_sentence(spelling)), spelling


def _load_with(monkeypatch, entries: list[dict]) -> None:
    data = {"categories": ["programming"], "context_window": 60, "context_categories": ["programming"],
            "skill": entries}
    monkeypatch.setattr(vocab, "load", lambda name: data)


@pytest.mark.parametrize("entries, message", [
    ([{"name": "A", "category": "programming"}, {"name": "A", "category": "programming"}], "defined twice"),
    ([{"name": "A", "category": "programming", "implies": ["B"]}], "implies unknown"),
    ([{"name": "A", "category": "programming", "alias": ["a"]}], "unknown keys"),
    ([{"name": "A", "category": "nowhere"}], "unknown category"),
])
def test_vocabulary_mistakes_are_reported(monkeypatch, entries, message):
    _load_with(monkeypatch, entries)
    with pytest.raises(ValueError, match=message):
        skills.vocabulary.__wrapped__()


def test_a_spelling_of_two_skills_is_reported(monkeypatch):
    _load_with(monkeypatch, [{"name": "A", "category": "programming", "aliases": ["x y"]},
                             {"name": "B", "category": "programming", "aliases": ["X-Y"]}])
    monkeypatch.setattr(skills, "vocabulary", skills.vocabulary.__wrapped__)
    with pytest.raises(ValueError, match="names both"):
        skills._by_spelling.__wrapped__()


@pytest.mark.parametrize("text", ["İstanbul office: Python, R and SQL", "Deep-learning with PyTorch\non AWS SageMaker",
                                  "ΣΑΣ: C and R, Kubernetes\u2011based"])
def test_a_given_lowercase_text_finds_the_same_skills(text: str) -> None:
    assert skills.extract(text, text.lower()) == skills.extract(text)
    assert skills.extract(text, text.lower())  # each names at least one skill
