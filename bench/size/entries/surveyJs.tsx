import { Model } from 'survey-core'
import { Survey } from 'survey-react-ui'
import { createRoot } from 'react-dom/client'
import { mountPoint } from './mountPoint'

// SurveyJS: the same four questions as a survey model.
const survey = new Model({
  elements: [
    {
      name: 'email',
      type: 'text',
      inputType: 'email',
      title: 'Business e-mail',
      isRequired: true,
      validators: [{ type: 'email' }],
    },
    { name: 'firstName', type: 'text', title: 'First name', isRequired: true },
    { name: 'company', type: 'text', title: 'Company', isRequired: true },
    {
      name: 'companySize',
      type: 'dropdown',
      title: 'Company size',
      isRequired: true,
      choices: [
        { value: 'small', text: '1-49' },
        { value: 'medium', text: '50-499' },
        { value: 'large', text: '500+' },
      ],
    },
  ],
})

createRoot(mountPoint()).render(<Survey model={survey} />)
