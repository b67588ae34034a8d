"""YAML fragments reused by several rules' examples (see snippets.py for how they are merged)."""

ADOPTED_NO_COUNCIL = """\
status: adopted
adoption:
  body: Kreistag
  date: 2012-10-30
approval_process:
  steps:
    - id: fachausschuss
      date: 2012-09-24
      body: Ausschuss für Arbeit, Soziales und Familie
      body_kind: specialist_committee
      purpose: consultation
"""

ADOPTED_WITH_COUNCIL = """\
status: adopted
adoption:
  body: Kreistag
  date: 2012-10-30
approval_process:
  steps:
    - id: fachausschuss
      date: 2012-09-24
      body: Ausschuss für Arbeit, Soziales und Familie
      body_kind: specialist_committee
      purpose: consultation
    - id: kreistag
      date: 2012-10-30
      body: Kreistag
      body_kind: council
      purpose: decision
"""

STEPS_ONE_MUNICIPALITY = """\
approval_process:
  steps:
    - id: gemeinden
      body: Städte und Gemeinden
      body_kind: municipalities
      purpose: consultation
      municipalities: [a-stadt]
"""

STEPS_ALL_MUNICIPALITIES = """\
approval_process:
  steps:
    - id: gemeinden
      body: Städte und Gemeinden
      body_kind: municipalities
      purpose: consultation
      municipalities: all
"""

TASKS_NO_TRANSITION = """\
ki_tasks:
  groups:
    - id: bildung
      name: Bildung und Erziehung
      areas:
        - id: elementar
          name: Elementarbereich
          kind: elementary
          topics: [Sprach- und Elternbildung]
        - id: schule
          name: Schule
          kind: school
          topics: [Durchgängige Sprachbildung]
"""

TASKS_ALL_AREAS = TASKS_NO_TRANSITION + """\
        - id: schule-beruf
          name: Schule / Beruf
          kind: school_to_work
          topics: [Berufsorientierung]
"""

NETWORK_MUNICIPAL_ONLY = """\
networks:
  bodies:
    - id: netzwerk
      name: Netzwerk Kommunale Integration
      expected_members:
        - name: je 1 Vertreter/in der Städte und Gemeinden
          category: municipality
        - name: 1 Vertreter/in des Jobcenters
          category: municipal_institution
"""

NETWORK_WITH_FREE_PROVIDERS = NETWORK_MUNICIPAL_ONLY + """\
        - name: der Sprecher der AG der Wohlfahrtsverbände
          category: free_provider
"""

NETWORK_WITH_SCHOOL_SUPERVISION = NETWORK_MUNICIPAL_ONLY + """\
        - name: 1 Vertreter/in der Schulaufsicht
          category: school_supervision
"""

TASKS_WITHOUT_QUALIFICATION = """\
ki_tasks:
  groups:
    - id: bildung
      name: Bildung und Erziehung
      areas:
        - id: schule
          name: Schule
          kind: school
          topics: [Durchgängige Sprachbildung]
"""

TASKS_WITH_QUALIFICATION = TASKS_WITHOUT_QUALIFICATION + """\
          products: [DaZ-Fortbildungsmodule für Lehrkräfte]
"""

TASKS_WITHOUT_PARENTS = TASKS_WITHOUT_QUALIFICATION

TASKS_WITH_PARENTS = TASKS_WITHOUT_QUALIFICATION + """\
          products: [Rucksack Schule (Elternbildungsprogramm)]
"""
